"""nova-core: the validation kernel shared by Nova's component packages.

One error type (:class:`NovaInputError`) with one message format, the plain-vs-``Output``
helpers, the checks every package needs (:class:`Checker`), the shape of IAM policy statements
(:mod:`nova_core.iam`), ARN and Region parsing, child names and the aliases of renamed children,
one ``Output`` from many (:mod:`nova_core.outputs`), and the AWS tables more than one package
uses.
"""

from __future__ import annotations

from .__about__ import __version__
from .arns import Arn, known_region, parse_arn, partition_of_region
from .checks import KMS_KEY_ARN_EXAMPLE, Checker, closest, did_you_mean, is_number, is_whole
from .errors import NovaInputError, at, field, show
from .iam import PolicyStatement, policy_statement, policy_statements
from .naming import child_name, former_child_name
from .outputs import gather_dict, gather_list
from .tables import (
    APIGW_ACCOUNT_THROTTLING,
    APIGW_DEFAULT_THROTTLING,
    LAMBDA_DEFAULT_ACCOUNT_CONCURRENCY,
    LAMBDA_MIN_UNRESERVED_CONCURRENCY,
    LOG_RETENTION_DAYS,
    PARTITION_REGIONS,
)
from .values import check_now_or_when_known, check_when_known, is_deep_plain, is_plain

__all__ = [
    "__version__",
    # errors
    "NovaInputError",
    "at",
    "field",
    "show",
    # values
    "check_now_or_when_known",
    "check_when_known",
    "is_deep_plain",
    "is_plain",
    "gather_dict",
    "gather_list",
    # checks
    "Checker",
    "KMS_KEY_ARN_EXAMPLE",
    "closest",
    "did_you_mean",
    "is_number",
    "is_whole",
    # IAM policy statements
    "PolicyStatement",
    "policy_statement",
    "policy_statements",
    # AWS identifiers and tables
    "Arn",
    "known_region",
    "parse_arn",
    "partition_of_region",
    "child_name",
    "former_child_name",
    "APIGW_ACCOUNT_THROTTLING",
    "APIGW_DEFAULT_THROTTLING",
    "LAMBDA_DEFAULT_ACCOUNT_CONCURRENCY",
    "LAMBDA_MIN_UNRESERVED_CONCURRENCY",
    "LOG_RETENTION_DAYS",
    "PARTITION_REGIONS",
]
