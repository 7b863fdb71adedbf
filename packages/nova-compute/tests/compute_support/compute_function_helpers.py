"""Resource types, the account id and the role-policy reader shared by the Function tests."""

import json

FUNCTION = "aws:lambda/function:Function"
ROLE = "aws:iam/role:Role"
ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy"
LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup"
PERMISSION = "aws:lambda/permission:Permission"
INVOKE_CONFIG = "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig"
ACCOUNT = "123456789012"


def _policy(rec, name):
    return json.loads(rec.get(ROLE_POLICY, name).inputs["policy"])
