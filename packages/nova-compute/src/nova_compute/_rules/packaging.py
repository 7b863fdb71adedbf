"""Code: a prebuilt archive or a folder nova-compute zips, and the packaging options for it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pulumi

from nova_compute import packaging
from nova_core import Checker, at, is_plain

from . import runtime as runtime_rules

OPTION_KEYS = tuple(
    k for k in packaging.PackagingOptions.field_names() if k not in ("runtime", "architecture")
)
"""``FunctionArgs`` keys that only apply to ``code_path`` (the fields of ``PackagingOptions``
besides runtime and architecture, which every function has)."""


def check_code(checker: Checker, args: Mapping[str, Any]) -> packaging.PackagingOptions | None:
    """``code`` xor ``code_path``; for ``code_path`` the packaging options (returned)."""
    code, code_path = args.get("code"), args.get("code_path")
    given = [k for k in OPTION_KEYS if args.get(k) is not None]
    if code is None and code_path is None:
        checker.fail(
            "code_path",
            None,
            "a function needs code: 'code_path' (a folder nova-compute zips) or 'code' (a "
            "prebuilt pulumi.Archive)",
            "set 'code_path' to the folder that holds the handler module",
        )
    if code is not None and code_path is not None:
        checker.fail(
            "code",
            code,
            "'code' and 'code_path' are alternatives",
            "pass either a folder in 'code_path' or a prebuilt archive in 'code'",
        )
    if code is not None:
        if is_plain(code) and not isinstance(code, pulumi.Archive):
            checker.fail(
                "code",
                code,
                "must be a pulumi.Archive",
                "wrap it, e.g. pulumi.FileArchive('dist/fn.zip')",
            )
        if given:
            checker.fail(
                given[0],
                args[given[0]],
                "packaging options apply only to 'code_path'; a prebuilt 'code' archive is "
                "used as is",
                f"drop '{given[0]}' or build from a folder with 'code_path'",
            )
        return None
    if not is_plain(code_path) or not isinstance(code_path, str) or not code_path.strip():
        checker.fail(
            "code_path",
            code_path,
            "must be a plain folder path (the zip is built while the program runs)",
            "pass a str path",
        )
    return _options(checker, args)


def _options(checker: Checker, args: Mapping[str, Any]) -> packaging.PackagingOptions:
    kinds = packaging.PackagingOptions.field_kinds()
    for key in OPTION_KEYS:
        if kinds[key] == "list":
            items = checker.sequence(key, args.get(key), what="the list of packaging options")
            for index, item in enumerate(items or ()):
                checker.string(at(key, index), item, plain=True)
        elif kinds[key] == "flag":
            checker.boolean(key, args.get(key), plain=True)
        else:
            checker.string(key, args.get(key), plain=True)
    values = {k: args.get(k) for k in OPTION_KEYS}
    if values["requirements"] is not None or values["requirements_file"] is not None:
        for key in ("runtime", "architecture"):
            if not is_plain(args.get(key)):
                checker.fail(
                    key,
                    args.get(key),
                    "must be known when the program runs, because dependencies are installed "
                    "for it",
                    f"pass a plain str for '{key}'",
                )
        values.update(runtime=args.get("runtime"), architecture=args.get("architecture"))
    try:
        return packaging.PackagingOptions.from_mapping(values)
    except packaging.PackagingError as exc:
        checker.fail(exc.argument, args.get(exc.argument), exc.problem, exc.fix)


def build(
    checker: Checker,
    code_path: str,
    options: packaging.PackagingOptions,
    handler: Any,
    runtime: Any,
) -> packaging.BuiltArchive:
    """Build the zip (a cached build runs no pip), then check its size and the handler module."""

    def progress(message: str) -> None:
        pulumi.log.info(f"{checker.component} '{checker.name}': {message}")

    try:
        built = packaging.build_archive(code_path, options, progress=progress)
    except packaging.PackagingError as exc:
        argument = exc.argument
        value = getattr(options, argument, None) if argument != "code_path" else code_path
        if argument == "requirements" and options.requirements is None:
            argument, value = "requirements_file", options.requirements_file
        checker.fail(argument, value, exc.problem, exc.fix)
    check_archive_size(checker, built)
    runtime_rules.check_handler_module(checker, handler, runtime, built.files, Path(code_path))
    return built


def check_archive_size(checker: Checker, built: packaging.BuiltArchive) -> None:
    mib = 1024 * 1024
    if built.size > packaging.MAX_ZIPPED_BYTES:
        checker.fail(
            "code_path",
            str(built.path),
            f"the zip is {built.size / mib:.1f} MiB; Lambda accepts at most "
            f"{packaging.MAX_ZIPPED_BYTES // mib} MiB uploaded directly",
            "move large dependencies into a Lambda layer, exclude what the function does not "
            "need ('exclude'), or upload the zip to S3 and deploy it from there",
            source="Lambda quotas",
        )
    if built.unzipped_size > packaging.MAX_UNZIPPED_BYTES:
        checker.fail(
            "code_path",
            str(built.path),
            f"the code unzips to {built.unzipped_size / mib:.1f} MiB; Lambda allows "
            f"{packaging.MAX_UNZIPPED_BYTES // mib} MiB for the function and all its layers",
            "drop dependencies the runtime already has (boto3), exclude data files, or use a "
            "container image function",
            source="Lambda quotas",
        )
