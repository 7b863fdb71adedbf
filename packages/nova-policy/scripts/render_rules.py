"""Write RULES.md from the rule data: python packages/nova-policy/scripts/render_rules.py"""

from pathlib import Path

from nova_policy.docs import render_rules_markdown

TARGET = Path(__file__).resolve().parent.parent / "RULES.md"

if __name__ == "__main__":
    TARGET.write_text(render_rules_markdown())
    print(f"wrote {TARGET}")
