import json

import pulumi
import pytest

from nova_testing import NovaMocks, render_policy_document


def _resource(
    type_: str, name: str, props: dict, outputs: tuple[str, ...]
) -> pulumi.CustomResource:
    return pulumi.CustomResource(type_, name, {**props, **dict.fromkeys(outputs)})


def test_bucket_outputs_are_realistic_and_stable(mock_stack):
    rec = mock_stack.run(lambda: _resource("aws:s3/bucket:Bucket", "data", {}, ("arn", "bucket")))
    bucket = rec.get("aws:s3/bucket:Bucket").outputs
    assert bucket["bucket"].startswith("data-")
    assert len(bucket["bucket"]) == len("data-") + 7
    assert bucket["arn"] == f"arn:aws:s3:::{bucket['bucket']}"
    assert bucket["bucketRegionalDomainName"] == f"{bucket['bucket']}.s3.us-east-1.amazonaws.com"
    again = mock_stack.run(lambda: _resource("aws:s3/bucket:Bucket", "data", {}, ()))
    assert again.get("aws:s3/bucket:Bucket").outputs["bucket"] == bucket["bucket"]


def test_explicit_names_are_kept(mock_stack):
    rec = mock_stack.run(
        lambda: _resource("aws:s3/bucket:Bucket", "data", {"bucket": "my-bucket"}, ())
    )
    assert rec.get("aws:s3/bucket:Bucket").outputs["arn"] == "arn:aws:s3:::my-bucket"
    assert rec.get("aws:s3/bucket:Bucket").id == "my-bucket"


def test_bucket_prefix_gets_a_suffix(mock_stack):
    rec = mock_stack.run(
        lambda: _resource("aws:s3/bucket:Bucket", "data", {"bucketPrefix": "team-data-"}, ())
    )
    name = rec.get("aws:s3/bucket:Bucket").outputs["bucket"]
    assert name.startswith("team-data-")
    assert len(name) == len("team-data-") + 26


def test_lambda_function_outputs(mock_stack):
    rec = mock_stack.run(lambda: _resource("aws:lambda/function:Function", "api", {}, ()))
    fn = rec.get("aws:lambda/function:Function").outputs
    arn = f"arn:aws:lambda:us-east-1:123456789012:function:{fn['name']}"
    assert fn["arn"] == arn
    assert fn["invokeArn"] == (
        f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{arn}/invocations"
    )


def test_http_api_and_stage_outputs(mock_stack):
    def program():
        api = _resource("aws:apigatewayv2/api:Api", "http", {}, ("id",))
        return pulumi.CustomResource(
            "aws:apigatewayv2/stage:Stage",
            "stage",
            {"apiId": api.id, "name": "$default", "invokeUrl": None},
        )

    rec = mock_stack.run(program)
    api = rec.get("aws:apigatewayv2/api:Api")
    assert api.outputs["apiEndpoint"] == f"https://{api.id}.execute-api.us-east-1.amazonaws.com"
    assert api.outputs["executionArn"] == f"arn:aws:execute-api:us-east-1:123456789012:{api.id}"
    stage = rec.get("aws:apigatewayv2/stage:Stage")
    assert stage.outputs["invokeUrl"] == f"https://{api.id}.execute-api.us-east-1.amazonaws.com/"
    assert stage.outputs["executionArn"].endswith(f":{api.id}/$default")


@pytest.mark.parametrize(
    ("type_", "key", "expected"),
    [
        (
            "aws:cloudwatch/logGroup:LogGroup",
            "arn",
            "arn:aws:logs:us-east-1:123456789012:log-group:",
        ),
        ("aws:sns/topic:Topic", "arn", "arn:aws:sns:us-east-1:123456789012:"),
        ("aws:sqs/queue:Queue", "url", "https://sqs.us-east-1.amazonaws.com/123456789012/"),
        ("aws:iam/role:Role", "arn", "arn:aws:iam::123456789012:role/"),
        (
            "aws:cloudwatch/metricAlarm:MetricAlarm",
            "arn",
            "arn:aws:cloudwatch:us-east-1:123456789012:alarm:",
        ),
        (
            "aws:cloudwatch/dashboard:Dashboard",
            "dashboardArn",
            "arn:aws:cloudwatch::123456789012:dashboard/",
        ),
        ("aws:kms/key:Key", "arn", "arn:aws:kms:us-east-1:123456789012:key/"),
        ("aws:dynamodb/table:Table", "arn", "arn:aws:dynamodb:us-east-1:123456789012:"),
    ],
)
def test_arn_shapes_per_type(mock_stack, type_, key, expected):
    rec = mock_stack.run(lambda: _resource(type_, "thing", {}, ()))
    assert rec.get(type_).outputs[key].startswith(expected)


def test_region_and_account_are_configurable():
    mocks = NovaMocks(account_id="210987654321", region="eu-west-1")
    args = pulumi.runtime.MockResourceArgs("aws:sns/topic:Topic", "alarms", {}, custom=True)
    resource_id, outputs = mocks.new_resource(args)
    assert outputs["arn"].startswith("arn:aws:sns:eu-west-1:210987654321:alarms-")
    assert resource_id == outputs["arn"]


def test_overrides_adjust_outputs():
    def override(args, outputs):
        return {**outputs, "name": "fixed"}

    mocks = NovaMocks(overrides={"aws:sns/topic:Topic": override})
    _, outputs = mocks.new_resource(
        pulumi.runtime.MockResourceArgs("aws:sns/topic:Topic", "t", {}, custom=True)
    )
    assert outputs["name"] == "fixed"


@pytest.mark.parametrize(
    ("token", "key", "value"),
    [
        ("aws:index/getCallerIdentity:getCallerIdentity", "accountId", "123456789012"),
        ("aws:index/getRegion:getRegion", "name", "us-east-1"),
        ("aws:index/getRegion:getRegion", "region", "us-east-1"),
        ("aws:index/getPartition:getPartition", "partition", "aws"),
        ("aws:index/getPartition:getPartition", "dnsSuffix", "amazonaws.com"),
    ],
)
def test_common_invokes(token, key, value):
    mocks = NovaMocks()
    assert mocks.call(pulumi.runtime.MockCallArgs(token, {}, "")).get(key) == value
    assert mocks.calls == [(token, {})]


def test_invoke_through_the_runtime(mock_stack):
    def program():
        result = pulumi.runtime.invoke("aws:index/getCallerIdentity:getCallerIdentity", {})
        return result.value["accountId"]

    assert mock_stack.run(program).result == "123456789012"


def test_policy_document_renders_real_json():
    args = {
        "statements": [
            {
                "sid": "DenyInsecureTransport",
                "effect": "Deny",
                "actions": ["s3:*"],
                "resources": ["arn:aws:s3:::b/*", "arn:aws:s3:::b"],
                "principals": [{"type": "*", "identifiers": ["*"]}],
                "conditions": [
                    {"test": "Bool", "variable": "aws:SecureTransport", "values": ["false"]}
                ],
            },
            {
                "actions": ["s3:GetObject"],
                "resources": ["arn:aws:s3:::b/*"],
                "principals": [
                    {"type": "AWS", "identifiers": ["arn:aws:iam::1:root", "arn:aws:iam::2:root"]}
                ],
            },
        ]
    }
    doc = json.loads(render_policy_document(args))
    assert doc == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "DenyInsecureTransport",
                "Effect": "Deny",
                "Action": "s3:*",
                "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
                "Principal": "*",
                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
            },
            {
                "Effect": "Allow",
                "Action": "s3:GetObject",
                "Resource": "arn:aws:s3:::b/*",
                "Principal": {"AWS": ["arn:aws:iam::1:root", "arn:aws:iam::2:root"]},
            },
        ],
    }


def test_policy_document_invoke_returns_json_and_minified():
    mocks = NovaMocks()
    out = mocks.call(
        pulumi.runtime.MockCallArgs(
            "aws:iam/getPolicyDocument:getPolicyDocument",
            {
                "statements": [
                    {"actions": ["sqs:SendMessage"], "resources": ["*"], "notActions": []}
                ]
            },
            "",
        )
    )
    assert json.loads(out["json"]) == json.loads(out["minifiedJson"])
    assert " " not in out["minifiedJson"]
    assert json.loads(out["json"])["Statement"][0]["Action"] == "sqs:SendMessage"


def test_unknown_invoke_returns_empty():
    assert NovaMocks().call(pulumi.runtime.MockCallArgs("aws:ec2/getVpc:getVpc", {}, "")) == {}


def test_components_are_not_given_aws_outputs():
    mocks = NovaMocks()
    resource_id, outputs = mocks.new_resource(
        pulumi.runtime.MockResourceArgs("nova-x:index:Thing", "t", {"a": 1}, custom=False)
    )
    assert resource_id == "t-component"
    assert outputs == {"a": 1}


@pytest.mark.parametrize(
    ("type_", "inputs", "expected"),
    [
        ("aws:iam/policy:Policy", {}, {"arn": "arn:aws:iam::123456789012:policy/thing-"}),
        ("aws:iam/rolePolicy:RolePolicy", {"role": "r"}, {"name": "thing-"}),
        ("aws:lambda/permission:Permission", {}, {"statementId": "thing-"}),
        (
            "aws:lambda/permission:Permission",
            {"statementId": "AllowApi"},
            {"statementId": "AllowApi"},
        ),
        (
            "aws:cloudwatch/compositeAlarm:CompositeAlarm",
            {},
            {"arn": "arn:aws:cloudwatch:us-east-1:123456789012:alarm:thing-"},
        ),
        (
            "aws:sns/topicSubscription:TopicSubscription",
            {"topic": "arn:aws:sns:us-east-1:123456789012:t", "protocol": "email"},
            {"arn": "arn:aws:sns:us-east-1:123456789012:t:"},
        ),
        (
            "aws:kms/alias:Alias",
            {"name": "alias/nova"},
            {"arn": "arn:aws:kms:us-east-1:123456789012:alias/nova"},
        ),
        (
            "aws:apigatewayv2/domainName:DomainName",
            {"domainName": "api.example.com"},
            {"arn": "arn:aws:apigateway:us-east-1::/domainnames/api.example.com"},
        ),
        ("aws:apigatewayv2/integration:Integration", {}, {"integrationType": None}),
        ("aws:s3/bucketPolicy:BucketPolicy", {"bucket": "b"}, {"bucket": "b"}),
        ("custom:index:Thing", {}, {}),
    ],
)
def test_outputs_for_more_types(type_, inputs, expected):
    resource_id, outputs = NovaMocks().new_resource(
        pulumi.runtime.MockResourceArgs(type_, "thing", dict(inputs), custom=True)
    )
    assert resource_id
    assert outputs["id"] == resource_id
    for key, prefix in expected.items():
        if prefix is None:
            assert key not in outputs
        else:
            assert str(outputs[key]).startswith(prefix), (key, outputs[key])


def test_subscription_pending_confirmation_for_email():
    _, outputs = NovaMocks().new_resource(
        pulumi.runtime.MockResourceArgs(
            "aws:sns/topicSubscription:TopicSubscription", "s", {"protocol": "sqs"}, custom=True
        )
    )
    assert outputs["pendingConfirmation"] is False


def test_domain_name_configuration_gets_targets():
    _, outputs = NovaMocks().new_resource(
        pulumi.runtime.MockResourceArgs(
            "aws:apigatewayv2/domainName:DomainName",
            "d",
            {
                "domainName": "api.example.com",
                "domainNameConfiguration": {"endpointType": "REGIONAL"},
            },
            custom=True,
        )
    )
    config = outputs["domainNameConfiguration"]
    assert config["endpointType"] == "REGIONAL"
    assert config["targetDomainName"].endswith(".execute-api.us-east-1.amazonaws.com")


def test_role_path_is_part_of_the_arn():
    _, outputs = NovaMocks().new_resource(
        pulumi.runtime.MockResourceArgs(
            "aws:iam/role:Role", "r", {"name": "svc", "path": "/team/"}, custom=True
        )
    )
    assert outputs["arn"] == "arn:aws:iam::123456789012:role/team/svc"


def test_policy_document_with_source_documents_and_not_principals():
    base = json.dumps(
        {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
    )
    doc = json.loads(
        render_policy_document(
            {
                "policyId": "p1",
                "sourcePolicyDocuments": [base],
                "statements": [
                    {
                        "effect": "Deny",
                        "notActions": ["iam:*"],
                        "notResources": ["arn:aws:s3:::x"],
                        "notPrincipals": [{"type": "AWS", "identifiers": ["arn:aws:iam::1:root"]}],
                        "conditions": [
                            {
                                "test": "StringEquals",
                                "variable": "aws:PrincipalTag/team",
                                "values": ["a", "b"],
                            }
                        ],
                    },
                    {
                        "principals": [
                            {"type": "Service", "identifiers": ["a.amazonaws.com"]},
                            {"type": "Service", "identifiers": ["b.amazonaws.com"]},
                        ],
                        "actions": ["sts:AssumeRole"],
                    },
                ],
            }
        )
    )
    assert doc["Id"] == "p1"
    assert doc["Statement"][0] == {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}
    assert doc["Statement"][1]["NotAction"] == "iam:*"
    assert doc["Statement"][1]["NotPrincipal"] == {"AWS": "arn:aws:iam::1:root"}
    assert doc["Statement"][1]["Condition"] == {
        "StringEquals": {"aws:PrincipalTag/team": ["a", "b"]}
    }
    assert doc["Statement"][2]["Principal"] == {"Service": ["a.amazonaws.com", "b.amazonaws.com"]}
