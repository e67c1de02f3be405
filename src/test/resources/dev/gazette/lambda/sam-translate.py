"""Transforms template.yaml with AWS's SAM translator, as 'sam deploy' has CloudFormation do: the template and the
parameter values (JSON) as arguments, the transformed template (JSON) on standard output."""
import json
import os
import sys

from samtranslator.parser import parser
from samtranslator.translator.arn_generator import ArnGenerator
from samtranslator.translator.translator import Translator
from samtranslator.yaml_helper import yaml_parse

# No AWS account here: the region a deploy would have, for the ARNs the translator writes.
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
ArnGenerator.BOTO_SESSION_REGION_NAME = "us-east-1"
with open(sys.argv[1], encoding="utf-8") as file:
    template = yaml_parse(file.read())
# As 'sam deploy' hands it over: the code uploaded to S3.
template["Globals"]["Function"]["CodeUri"] = "s3://gazette-artifacts/gazette.jar"
parameters = json.loads(sys.argv[2])
parameters.setdefault("AWS::Region", "us-east-1")
parameters.setdefault("AWS::Partition", "aws")
parameters.setdefault("AWS::AccountId", "123456789012")
translated = Translator(managed_policy_map={}, sam_parser=parser.Parser()).translate(
    sam_template=template, parameter_values=parameters)
json.dump(translated, sys.stdout, indent=1, default=str)
