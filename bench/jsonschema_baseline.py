"""What a team runs without ModelOps: a loop of json.load + jsonschema over each folder (the
engine behind their pytest check and check-jsonschema). Usage: jsonschema_baseline.py SCHEMA:GLOB..."""
import glob
import json
import sys

import jsonschema

errors = 0
files = 0
for spec in sys.argv[1:]:
    schema_path, pattern = spec.split(":", 1)
    with open(schema_path) as f:
        schema = json.load(f)
    validator = jsonschema.validators.validator_for(schema)(schema)
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
