"""What a team runs without ModelOps: a loop of json.load + jsonschema over each folder (the
engine behind their pytest check and check-jsonschema). Usage: jsonschema_baseline.py [--formats] SCHEMA:GLOB...
--formats also checks formats (date, date-time, ...) with jsonschema's own format checker, as
check-jsonschema does; the plain loop (a bare pytest check) does not."""
import glob
import json
import sys

import jsonschema

args = sys.argv[1:]
formats = bool(args) and args[0] == "--formats"
if formats:
    args = args[1:]
errors = 0
files = 0
for spec in args:
    schema_path, pattern = spec.split(":", 1)
    with open(schema_path) as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER) if formats else cls(schema)
    for path in sorted(glob.glob(pattern)):
        files += 1
        try:
            with open(path) as f:
                doc = json.load(f)
        except ValueError:
            errors += 1
            continue
        errors += sum(1 for _ in validator.iter_errors(doc))
print(f"{files} files, {errors} errors")
sys.exit(1 if errors else 0)
