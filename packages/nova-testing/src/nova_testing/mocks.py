"""Pulumi mocks that answer like AWS would: realistic ids, ARNs, names and endpoints.

`NovaMocks` implements :class:`pulumi.runtime.Mocks`. Outputs are derived from the resource type
and logical name with a stable hash, so two runs of the same program give the same values (which
keeps JSON plans diffable between branches). The common invokes (caller identity, region,
partition, availability zones and ``aws.iam.get_policy_document``) are answered too, the last one
rendered into real IAM policy JSON.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from typing import Any

import pulumi

__all__ = ["DEFAULT_ACCOUNT_ID", "DEFAULT_REGION", "NovaMocks", "render_policy_document"]

DEFAULT_ACCOUNT_ID = "123456789012"
DEFAULT_REGION = "us-east-1"

ResourceHandler = Callable[[pulumi.runtime.MockResourceArgs, dict[str, Any]], dict[str, Any]]


def _suffix(*parts: str, length: int = 7) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return digest[:length]


def _physical_name(args: pulumi.runtime.MockResourceArgs, key: str = "name") -> str:
    """The name AWS would hold: the explicit one, a prefix plus suffix, or Pulumi's auto-name."""
    explicit = args.inputs.get(key)
    if isinstance(explicit, str) and explicit:
        return explicit
    prefix = args.inputs.get(f"{key}Prefix")
    if isinstance(prefix, str) and prefix:
        return prefix + _suffix(args.typ, args.name, length=26)
    return f"{args.name}-{_suffix(args.typ, args.name)}"


def _api_id(name: str) -> str:
    return _suffix("api", name, length=10)


def _statement_json(statement: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if statement.get("sid"):
        out["Sid"] = statement["sid"]
    out["Effect"] = statement.get("effect") or "Allow"
    for key, json_key in (
        ("actions", "Action"),
        ("notActions", "NotAction"),
        ("resources", "Resource"),
        ("notResources", "NotResource"),
    ):
        values = statement.get(key)
        if values:
            values = sorted(set(values), reverse=False)
            out[json_key] = values[0] if len(values) == 1 else values
    for key, json_key in (("principals", "Principal"), ("notPrincipals", "NotPrincipal")):
        principals = statement.get(key)
        if principals:
            block: dict[str, Any] = {}
            for principal in principals:
                ids = list(principal.get("identifiers") or [])
                existing = block.get(principal["type"])
                if existing is not None:
                    ids = (existing if isinstance(existing, list) else [existing]) + ids
                block[principal["type"]] = ids[0] if len(ids) == 1 else sorted(ids)
            out[json_key] = "*" if block == {"*": "*"} else block
    conditions = statement.get("conditions")
    if conditions:
        cond: dict[str, dict[str, Any]] = {}
        for condition in conditions:
            values = list(condition.get("values") or [])
            cond.setdefault(condition["test"], {})[condition["variable"]] = (
                values[0] if len(values) == 1 else values
            )
        out["Condition"] = cond
    return out


def render_policy_document(args: Mapping[str, Any]) -> str:
    """Render the arguments of ``aws.iam.get_policy_document`` as the provider would.

    Statements keep their order; single-element action/resource lists collapse to a string as in
    the provider's output.
    """
    document: dict[str, Any] = {"Version": args.get("version") or "2012-10-17"}
    if args.get("policyId"):
        document["Id"] = args["policyId"]
    statements: list[dict[str, Any]] = []
    for source in list(args.get("sourcePolicyDocuments") or []):
        statements.extend(json.loads(source).get("Statement", []))
    statements.extend(_statement_json(s) for s in args.get("statements") or [])
    document["Statement"] = statements
    return json.dumps(document, indent=2)


class NovaMocks(pulumi.runtime.Mocks):
    """Mocks answering with realistic AWS outputs.

    ``overrides`` maps a resource type token to a function ``(args, outputs) -> outputs`` that may
    adjust or extend what the mock returns for that type.
    """

    def __init__(
        self,
        *,
        account_id: str = DEFAULT_ACCOUNT_ID,
        region: str = DEFAULT_REGION,
        partition: str = "aws",
        overrides: Mapping[str, ResourceHandler] | None = None,
    ) -> None:
        self.account_id = account_id
        self.region = region
        self.partition = partition
        self.overrides = dict(overrides or {})
        self.calls: list[tuple[str, dict[str, Any]]] = []

    # -- invokes -------------------------------------------------------------------------------
    def call(self, args: pulumi.runtime.MockCallArgs) -> dict[str, Any]:  # type: ignore[override]
        self.calls.append((args.token, dict(args.args)))
        token = args.token
        if token == "aws:index/getCallerIdentity:getCallerIdentity":
            return {
                "accountId": self.account_id,
                "arn": f"arn:{self.partition}:iam::{self.account_id}:user/nova-test",
                "userId": "AIDANOVATESTUSER00001",
                "id": self.account_id,
            }
        if token == "aws:index/getRegion:getRegion":
            name = args.args.get("region") or args.args.get("name") or self.region
            return {
                "name": name,
                "region": name,
                "id": name,
                "endpoint": f"ec2.{name}.amazonaws.com",
                "description": name,
            }
        if token == "aws:index/getPartition:getPartition":
            return {
                "partition": self.partition,
                "dnsSuffix": "amazonaws.com",
                "reverseDnsPrefix": "com.amazonaws",
                "id": self.partition,
            }
        if token == "aws:index/getAvailabilityZones:getAvailabilityZones":
            names = [f"{self.region}{letter}" for letter in "abc"]
            return {"names": names, "zoneIds": [f"use1-az{i}" for i in (1, 2, 4)]}
        if token == "aws:iam/getPolicyDocument:getPolicyDocument":
            rendered = render_policy_document(args.args)
            return {
                "json": rendered,
                "minifiedJson": json.dumps(json.loads(rendered), separators=(",", ":")),
                "id": _suffix(rendered, length=10),
            }
        return {}

    # -- resources -----------------------------------------------------------------------------
    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str | None, dict]:
        outputs = dict(args.inputs)
        if not args.custom:
            return f"{args.name}-component", outputs
        resource_id = self._fill(args, outputs)
        override = self.overrides.get(args.typ)
        if override is not None:
            outputs = override(args, outputs)
            resource_id = outputs.get("id", resource_id)
        outputs.setdefault("id", resource_id)
        return resource_id, outputs

    def _arn(self, service: str, resource: str, *, region: bool = True) -> str:
        where = self.region if region else ""
        return f"arn:{self.partition}:{service}:{where}:{self.account_id}:{resource}"

    def _fill(self, args: pulumi.runtime.MockResourceArgs, out: dict[str, Any]) -> str:  # noqa: PLR0915
        typ = args.typ
        region, account = self.region, self.account_id
        if typ == "aws:s3/bucket:Bucket":
            bucket = _physical_name(args, "bucket")
            out.update(
                bucket=bucket,
                arn=f"arn:{self.partition}:s3:::{bucket}",
                bucketDomainName=f"{bucket}.s3.amazonaws.com",
                bucketRegionalDomainName=f"{bucket}.s3.{region}.amazonaws.com",
                hostedZoneId="Z3AQBSTGFYJSTF",
                region=region,
            )
            return bucket
        if typ.startswith("aws:s3/"):
            return str(out.get("bucket") or args.name)
        if typ == "aws:iam/role:Role":
            name = _physical_name(args)
            path = out.get("path") or "/"
            out.update(
                name=name,
                arn=f"arn:{self.partition}:iam::{account}:role{path}{name}",
                uniqueId="AROA" + _suffix(typ, args.name, length=17).upper(),
                path=path,
            )
            return name
        if typ == "aws:iam/rolePolicy:RolePolicy":
            name = _physical_name(args)
            out["name"] = name
            return f"{out.get('role', 'role')}:{name}"
        if typ == "aws:iam/policy:Policy":
            name = _physical_name(args)
            arn = f"arn:{self.partition}:iam::{account}:policy/{name}"
            out.update(name=name, arn=arn, policyId="ANPA" + _suffix(name, length=17).upper())
            return arn
        if typ == "aws:lambda/function:Function":
            name = _physical_name(args)
            arn = self._arn("lambda", f"function:{name}")
            out.update(
                name=name,
                arn=arn,
                qualifiedArn=f"{arn}:$LATEST",
                invokeArn=(
                    f"arn:{self.partition}:apigateway:{region}:lambda:path/2015-03-31/"
                    f"functions/{arn}/invocations"
                ),
                qualifiedInvokeArn=(
                    f"arn:{self.partition}:apigateway:{region}:lambda:path/2015-03-31/"
                    f"functions/{arn}:$LATEST/invocations"
                ),
                version="$LATEST",
                sourceCodeHash=_suffix(typ, args.name, length=44),
                lastModified="2026-01-01T00:00:00.000+0000",
            )
            return name
        if typ == "aws:lambda/permission:Permission":
            statement = out.get("statementId") or _physical_name(args, "statementId")
            out["statementId"] = statement
            return str(statement)
        if typ == "aws:cloudwatch/logGroup:LogGroup":
            name = _physical_name(args)
            out.update(name=name, arn=self._arn("logs", f"log-group:{name}"))
            return name
        if typ == "aws:cloudwatch/metricAlarm:MetricAlarm":
            name = _physical_name(args)
            out.update(name=name, arn=self._arn("cloudwatch", f"alarm:{name}"))
            return name
        if typ == "aws:cloudwatch/compositeAlarm:CompositeAlarm":
            name = _physical_name(args, "alarmName")
            out.update(alarmName=name, arn=self._arn("cloudwatch", f"alarm:{name}"))
            return name
        if typ == "aws:cloudwatch/dashboard:Dashboard":
            name = _physical_name(args, "dashboardName")
            out.update(
                dashboardName=name,
                dashboardArn=f"arn:{self.partition}:cloudwatch::{account}:dashboard/{name}",
            )
            return name
        if typ == "aws:sns/topic:Topic":
            name = _physical_name(args)
            arn = self._arn("sns", name)
            out.update(name=name, arn=arn, owner=account)
            return arn
        if typ == "aws:sns/topicSubscription:TopicSubscription":
            topic = out.get("topic", self._arn("sns", "topic"))
            arn = f"{topic}:{_suffix(typ, args.name, length=36)}"
            out.update(arn=arn, pendingConfirmation=out.get("protocol") in ("email", "https"))
            return arn
        if typ == "aws:sqs/queue:Queue":
            name = _physical_name(args)
            if out.get("fifoQueue") and not name.endswith(".fifo"):
                name += ".fifo"  # the provider appends the suffix to generated FIFO names
            url = f"https://sqs.{region}.amazonaws.com/{account}/{name}"
            out.update(name=name, arn=self._arn("sqs", name), url=url)
            return url
        if typ.startswith("aws:sqs/"):  # QueuePolicy, RedrivePolicy, RedriveAllowPolicy
            return str(out.get("queueUrl") or _suffix(typ, args.name))
        if typ == "aws:dynamodb/table:Table":
            name = _physical_name(args)
            arn = self._arn("dynamodb", f"table/{name}")
            out.update(name=name, arn=arn)
            if out.get("streamEnabled"):
                label = "2026-01-01T00:00:00.000"
                out.update(streamArn=f"{arn}/stream/{label}", streamLabel=label)
            else:
                out.update(streamArn="", streamLabel="")
            return name
        if typ == "aws:secretsmanager/secret:Secret":
            name = _physical_name(args)
            # Secrets Manager appends "-" and six random characters to the ARN, never the name.
            arn = self._arn("secretsmanager", f"secret:{name}-{_suffix(typ, name, length=6)}")
            out.update(name=name, arn=arn)
            return arn
        if typ == "aws:secretsmanager/secretVersion:SecretVersion":
            secret = str(out.get("secretId", self._arn("secretsmanager", "secret:x")))
            version = _suffix(typ, args.name, length=32)
            version_id = "-".join(
                (version[:8], version[8:12], version[12:16], version[16:20], version[20:])
            )
            out.update(arn=secret, versionId=version_id, versionStages=["AWSCURRENT"])
            return f"{secret}|{version_id}"
        if typ.startswith("aws:secretsmanager/"):  # SecretRotation, SecretPolicy
            return str(out.get("secretId") or out.get("secretArn") or _suffix(typ, args.name))
        if typ == "random:index/randomPassword:RandomPassword":
            # Numbers arrive from the engine as floats (64.0): accept any whole number.
            given = out.get("length")
            whole = isinstance(given, int | float) and not isinstance(given, bool)
            length = int(given) if whole and given == int(given) and given > 0 else 32
            seed = hashlib.sha256(f"{args.name}\x1fpassword".encode()).hexdigest()
            result = (seed * (length // len(seed) + 1))[:length]
            out.update(result=result, bcryptHash="$2a$10$" + _suffix(result, length=53))
            return "none"
        if typ == "aws:lambda/eventSourceMapping:EventSourceMapping":
            digest = _suffix(typ, args.name, length=32)
            mapping_id = "-".join(
                (digest[:8], digest[8:12], digest[12:16], digest[16:20], digest[20:])
            )
            function = str(out.get("functionName", ""))
            function_arn = (
                function
                if function.startswith("arn:")
                else self._arn("lambda", f"function:{function or args.name}")
            )
            out.update(
                uuid=mapping_id,
                functionArn=function_arn,
                arn=self._arn("lambda", f"event-source-mapping:{mapping_id}"),
                state="Enabled",
                lastModified="2026-01-01T00:00:00Z",
            )
            return mapping_id
        if typ == "aws:kms/key:Key":
            key_id = (
                f"{_suffix(typ, args.name, length=8)}-{_suffix('a', args.name, length=4)}-"
                f"{_suffix('b', args.name, length=4)}-{_suffix('c', args.name, length=4)}-"
                f"{_suffix('d', args.name, length=12)}"
            )
            out.update(keyId=key_id, arn=self._arn("kms", f"key/{key_id}"))
            return key_id
        if typ == "aws:kms/alias:Alias":
            name = _physical_name(args)
            out.update(name=name, arn=self._arn("kms", name))
            return name
        if typ == "aws:apigatewayv2/api:Api":
            api_id = _api_id(args.name)
            out.update(
                apiEndpoint=f"https://{api_id}.execute-api.{region}.amazonaws.com",
                executionArn=self._arn("execute-api", api_id),
                arn=f"arn:{self.partition}:apigateway:{region}::/apis/{api_id}",
                name=out.get("name") or args.name,
            )
            return api_id
        if typ == "aws:apigatewayv2/stage:Stage":
            api_id = str(out.get("apiId", "api"))
            stage = str(out.get("name", "$default"))
            path = "" if stage == "$default" else stage
            out.update(
                invokeUrl=f"https://{api_id}.execute-api.{region}.amazonaws.com/{path}",
                executionArn=self._arn("execute-api", f"{api_id}/{stage}"),
                arn=f"arn:{self.partition}:apigateway:{region}::/apis/{api_id}/stages/{stage}",
            )
            return stage
        if typ == "aws:apigatewayv2/domainName:DomainName":
            domain = str(out.get("domainName", args.name))
            config = dict(out.get("domainNameConfiguration") or {})
            config.setdefault(
                "targetDomainName",
                f"d-{_suffix(domain, length=10)}.execute-api.{region}.amazonaws.com",
            )
            config.setdefault("hostedZoneId", "Z1UJRXOUMOOFQ8")
            out.update(
                domainNameConfiguration=config,
                apiMappingSelectionExpression="$request.basepath",
                arn=f"arn:{self.partition}:apigateway:{region}::/domainnames/{domain}",
            )
            return domain
        if typ.startswith("aws:apigatewayv2/"):
            return _suffix(typ, args.name, length=7)
        name = out.get("name") if isinstance(out.get("name"), str) else None
        resource_id = name or f"{args.name}-{_suffix(typ, args.name)}"
        if "arn" not in out and typ.startswith("aws:"):
            service = typ.split(":")[1].split("/")[0]
            out["arn"] = self._arn(service, resource_id)
        return resource_id
