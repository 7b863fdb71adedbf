"""The Function component's warnings on risky but valid settings, and settings that raise none."""

import logging

import pytest
from compute_function_helpers import ACCOUNT


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        ({"memory_mb": 4096}, "capped at 3008 MB"),
        ({"environment": {"DB_PASSWORD": "hunter2"}}, "the name suggests a secret"),
        ({"environment": {"TZ": "UTC"}}, "TZ appears in Lambda's reserved list"),
        ({"reserved_concurrency": 0}, "throttles every invocation"),
        ({"handler": "app.main"}, "defines no top-level 'main'"),
        (
            {"environment_kms_key_arn": f"arn:aws:kms:us-east-1:{ACCOUNT}:key/abc-123"},
            "encrypts nothing",
        ),
    ],
)
def test_warns_on_risky_but_valid_settings(mock_stack, build, caplog, args, fragment):
    with caplog.at_level(logging.WARNING):
        mock_stack.run(build(**args))
    assert fragment in caplog.text
    assert "nova-compute Function 'fn'" in caplog.text


def test_warns_when_runtime_deprecation_is_near(mock_stack, build, caplog, monkeypatch):
    import datetime

    import nova_compute.runtimes

    monkeypatch.setattr(nova_compute.runtimes, "today", lambda: datetime.date(2027, 3, 1))
    with caplog.at_level(logging.WARNING):
        mock_stack.run(build(runtime="python3.11"))
    assert "python3.11 is deprecated on 2027-06-30" in caplog.text


def test_secret_reference_names_do_not_warn(mock_stack, build, caplog):
    with caplog.at_level(logging.WARNING):
        mock_stack.run(
            build(
                environment={
                    "DB_SECRET_ARN": f"arn:aws:secretsmanager:us-east-1:{ACCOUNT}:secret:db"
                }
            )
        )
    assert "suggests a secret" not in caplog.text


@pytest.mark.parametrize(
    "source",
    [
        "from lib.util import VALUE as handler\n",
        "import json\nhandler: object = json.loads\n",
        "class handler:\n    pass\n",
        "handler = lambda event, context: None\n",
        "async def handler(event, context):\n    return None\n",
    ],
)
def test_handler_defined_in_any_top_level_form_does_not_warn(
    mock_stack, build, app_dir, caplog, source
):
    (app_dir / "app.py").write_text(source)
    with caplog.at_level(logging.WARNING):
        mock_stack.run(build())
    assert "defines no top-level" not in caplog.text
