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

resource "aws_iam_role_policy_attachment" "job_submitter_pass_role" {
  role       = "video-pipeline"
  policy_arn = module.mediaconvert_role.pass_role_policy_arn
}

module "mediaconvert_role" {
  source = "../.."

  role_name               = "MediaConvert_Jobs"
  create_pass_role_policy = true
}

output "role_arn" {
  value = module.mediaconvert_role.role_arn
}

output "pass_role_policy_arn" {
  value = module.mediaconvert_role.pass_role_policy_arn
}
