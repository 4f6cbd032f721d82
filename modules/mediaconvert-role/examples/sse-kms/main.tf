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

  role_name               = "MediaConvert_Media"
  role_description        = "Transcoding from and to SSE-KMS buckets"
  input_kms_key_arns      = ["arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
  output_kms_key_arns     = ["arn:aws:kms:eu-west-1:111122223333:key/2234abcd-12ab-34cd-56ef-1234567890ab"]
  output_multipart_upload = true
  tags = {
    team = "video"
  }
}

output "role_arn" {
  value = module.mediaconvert_role.role_arn
}
