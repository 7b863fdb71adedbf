"""nova-policy as a Pulumi policy pack: `pulumi preview --policy-pack <this folder>`.

Each rule is one policy named by its rule ID (RULES.md). Levels, options and suppressions come
from `--policy-pack-config <file>` (see the nova-policy README); the same file works for
`nova-preview --check` and `Recording.check_rules()`.
"""

from pulumi_policy import PolicyPack

from nova_policy.pack import PACK_NAME, policies

PolicyPack(
    name=PACK_NAME,
    policies=policies(),
    description="Nova's security and reliability rules for Pulumi AWS programs.",
)
