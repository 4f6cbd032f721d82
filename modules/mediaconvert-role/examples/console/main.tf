terraform {
  required_version = ">= 1.9.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

module "mediaconvert_role" {
  source = "../.."
}

output "role_arn" {
  value = module.mediaconvert_role.role_arn
}
