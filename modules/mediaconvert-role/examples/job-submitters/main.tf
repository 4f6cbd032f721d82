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

  role_name               = "MediaConvert_Jobs"
  create_pass_role_policy = true
  job_submitters = {
    roles   = ["video-pipeline"]
    queues  = ["Default"]
    monitor = true
  }
}

output "role_arn" {
  value = module.mediaconvert_role.role_arn
}

output "pass_role_policy_arn" {
  value = module.mediaconvert_role.pass_role_policy_arn
}

output "submit_jobs_policy_arn" {
  value = module.mediaconvert_role.submit_jobs_policy_arn
}
