"""Check a raw pulumi_aws program against the nova-policy rules, offline.

No Nova component, no AWS account, no Pulumi CLI: nova-testing runs the program under mocks and
records what it would create; nova-policy checks the recording with the config file the policy
pack reads too. Run it with ``python examples/check_program.py``.
"""

import pulumi_aws as aws

from nova_policy import check_records, parse_config
from nova_testing import MockStack


def program() -> None:
    # A queue as the pulumi_aws docs show it: no encryption stated, no DLQ, no TLS-only policy.
    aws.sqs.Queue("jobs", visibility_timeout_seconds=60)
    # A log group that keeps logs forever (C-05) next to one with a retention.
    aws.cloudwatch.LogGroup("audit", name="/acme/audit")
    aws.cloudwatch.LogGroup("app", name="/acme/app", retention_in_days=30)


CONFIG = {
    # The audit trail must be kept forever: a suppression states why.
    "C-05": {"suppress": [{"resource": "audit", "reason": "audit trail, kept by regulation"}]},
    # Report the queue's missing TLS policy, but do not fail on it yet.
    "Q-02": "advisory",
}

if __name__ == "__main__":
    stack = MockStack()
    try:
        recording = stack.run(program)
    finally:
        stack.reset()
    # Saved as nova-policy.json, the same config serves `pulumi preview --policy-pack-config`.
    report = check_records(recording, parse_config(CONFIG))
    print(report.format())
    raise SystemExit(1 if report.failed else 0)
