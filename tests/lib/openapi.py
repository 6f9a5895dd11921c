"""The API's description, api/openapi.json, as the tests hold the server to it: every
/api/v1 answer a test receives is checked against the operation's response schema
(Debian's python3-jsonschema, JSON Schema 2020-12 as OpenAPI 3.1 uses it), so the
document cannot drift from the code. The route table is read from src/app/routes.c."""
import functools
import json
import os
import re
import urllib.parse

import jsonschema

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


@functools.lru_cache(maxsize=1)
def document():
    with open(os.path.join(ROOT, "api", "openapi.json"), encoding="utf-8") as f:
        return json.load(f)


def route_table():
    """[(method, pattern, roles)] of every /api/v1 row of the route table; roles is the
    set of role names the row allows (empty: anyone)."""
    with open(os.path.join(ROOT, "src", "app", "routes.c"), encoding="utf-8") as f:
        src = f.read()
    names = {"ANY": {"sme", "expert", "desk", "admin"}, "ADMIN": {"admin"},
             "EXPERT": {"expert"}, "SME": {"sme"}, "DESK": {"desk"}, "0": set()}
    rows = []
    for m in re.finditer(r'\{"(GET|POST|PUT|PATCH|DELETE)", "(/api/v1/[^"]*)", \w+,\s*([A-Z0 |]+?),',
                         src):
        roles = set()
        for part in m.group(3).split("|"):
            roles |= names[part.strip()]
        rows.append((m.group(1), m.group(2), roles))
    return rows


@functools.lru_cache(maxsize=1)
def _templates():
    """(compiled pattern, template) for every path of the document; literal segments win
    over parameters (/api/v1/experts/ranking before /api/v1/experts/{id})."""
    out = []
    for t in document()["paths"]:
        rx = re.escape(t)
        rx = re.sub(r"\\\{[a-z_]+\\\}", "[^/]+", rx)
        out.append((re.compile("^" + rx + "$"), t))
    out.sort(key=lambda x: x[1].count("{"))
    return out


def template_of(path):
    path = path.split("?", 1)[0]
    for rx, t in _templates():
        if rx.match(path):
            return t
    return None


def _pointer(*parts):
    return "#/" + "/".join(urllib.parse.quote(p.replace("~", "~0").replace("/", "~1"), safe="~")
                           for p in parts)


def _deref(obj):
    while isinstance(obj, dict) and "$ref" in obj and obj["$ref"].startswith("#/components/"):
        node = document()
        for part in obj["$ref"][2:].split("/"):
            node = node[part]
        obj = node
    return obj


def validate(instance, pointer):
    """Validate instance against the schema at pointer in the document; $refs resolve in it."""
    schema = dict(document())
    schema["$ref"] = pointer
    jsonschema.Draft202012Validator(schema).validate(instance)


class ContractError(AssertionError):
    pass


def check_response(method, path, status, content_type, body):
    """Raise ContractError when an /api/v1 answer is not what the document says."""
    where = "%s %s -> %d" % (method, path, status)
    template = template_of(path)
    ctype = (content_type or "").split(";")[0].strip()
    if template is None or method.lower() not in document()["paths"][template]:
        # not a route: the server's 404 or 405, in the shape of every error
        if status not in (404, 405):
            raise ContractError("%s: the document has no such operation" % where)
        pointer = _pointer("components", "schemas", "Error")
    else:
        responses = document()["paths"][template][method.lower()]["responses"]
        key = str(status) if str(status) in responses else "default"
        if key not in responses:
            raise ContractError("%s: status %d not in the document" % (where, status))
        response = _deref(responses[key])
        content = response.get("content", {})
        if ctype not in content:
            raise ContractError("%s: %s answered; the document says %s"
                                % (where, ctype or "no body", sorted(content) or "no body"))
        if ctype != "application/json":
            return
        ref = responses[key].get("$ref")
        if ref:
            pointer = ref + "/content/application~1json/schema"
        else:
            pointer = _pointer("paths", template, method.lower(), "responses", key, "content",
                               "application/json", "schema")
    if ctype != "application/json":
        raise ContractError("%s: %s answered, JSON expected" % (where, ctype or "no body"))
    try:
        instance = json.loads(body)
    except ValueError as e:
        raise ContractError("%s: not JSON: %s" % (where, e)) from None
    try:
        validate(instance, pointer)
    except jsonschema.ValidationError as e:
        raise ContractError("%s: the answer does not match api/openapi.json at %s: %s (at %s)"
                            % (where, pointer, e.message, "/".join(map(str, e.absolute_path))
                               or "top")) from None
