#!/usr/bin/env python3
"""Writes an OpenAPI 3.0 document and a JSON Schema equivalent to an API's IR.

Usage: wixgen ir specs/inbox | python3 ir_to_openapi.py OUT_DIR
writes OUT_DIR/openapi.json (for progenitor) and OUT_DIR/schema.json (for typify).

The schemas are the IR's types: a struct is an object with its fields as properties
(required ones listed; nullable ones `nullable`), a one-of group flattened into its parent
adds its members as optional properties there (the wire form), a group of its own is a
`oneOf` of one-key objects, a string enum is a string `enum`, int64 is a string of format
int64, a timestamp a string of format date-time, a free object `{}`. Methods become
operations: path parameters in the path, the other fields of a GET request in the query
(scalars) and of any other request in a JSON body.
"""
import json
import sys

ir = json.load(sys.stdin)
types = ir["types"]
SCALARS = {
    "string": {"type": "string"},
    "number": {"type": "number"},
    "integer": {"type": "integer", "format": "int64"},
    "boolean": {"type": "boolean"},
    "int64": {"type": "string", "format": "int64"},
    "timestamp": {"type": "string", "format": "date-time"},
    "object": {"type": "object"},
}


def schema_of(ty, ref):
    if ty in SCALARS:
        return dict(SCALARS[ty])
    if ty.startswith("Array<") and ty.endswith(">"):
        return {"type": "array", "items": schema_of(ty[6:-1], ref)}
    if ty.startswith("Nullable<") and ty.endswith(">"):
        inner = schema_of(ty[9:-1], ref)
        if "$ref" in inner:
            return {"allOf": [inner], "nullable": True}
        inner["nullable"] = True
        return inner
    d = types.get(ty)
    if d and d["kind"]["kind"] == "scalar":
        return dict(SCALARS[d["kind"]["scalar"]])
    if d and d["kind"]["kind"] in ("array", "nullable"):
        k = d["kind"]
        return schema_of(f"Array<{k['items']}>" if k["kind"] == "array" else f"Nullable<{k['inner']}>", ref)
    return {"$ref": ref + ty}


def definitions(ref):
    out = {}
    for name, d in types.items():
        k = d["kind"]
        desc = {"description": d.get("description") or name}
        if k["kind"] == "struct":
            props, required = {}, []
            for f in k["fields"]:
                props[f["name"]] = schema_of(f["ty"], ref)
                if f.get("description"):
                    props[f["name"]]["description"] = f["description"]
                if f["required"] and not f["read_only"]:
                    required.append(f["name"])
            for g in k.get("one_ofs", []):
                for m in types[g]["kind"]["members"]:
                    props[m["name"]] = schema_of(m["ty"], ref)
            s = {"type": "object", "properties": props, **desc}
            if required:
                s["required"] = required
            out[name] = s
        elif k["kind"] == "enum":
            out[name] = {"type": "string", "enum": [v["name"] for v in k["values"]], **desc}
        elif k["kind"] == "one_of" or k["kind"] == "oneOf":
            out[name] = {
                "oneOf": [
                    {"type": "object", "properties": {m["name"]: schema_of(m["ty"], ref)}, "required": [m["name"]]}
                    for m in k["members"]
                ],
                **desc,
            }
    return out


def operations(ref):
    paths = {}
    for name, m in ir["methods"].items():
        req = types.get(m["request"], {}).get("kind", {})
        fields = {f["name"]: f for f in req.get("fields", [])}
        params, body = [], {}
        where = {p["name"]: p["location"] for p in m.get("params", [])}
        for fname, f in fields.items():
            loc = where.get(fname) or ("query" if m["verb"] == "GET" else "body")
            if loc == "path":
                params.append({"name": fname, "in": "path", "required": True, "schema": {"type": "string"}})
            elif loc == "query":
                s = schema_of(f["ty"], ref)
                if "$ref" in s or s.get("type") in ("object", "array"):
                    s = {"type": "string"}
                params.append({"name": fname, "in": "query", "required": False, "schema": s})
            else:
                body[fname] = schema_of(f["ty"], ref)
        op = {"operationId": name, "description": m.get("description", ""), "parameters": params, "responses": {}}
        if body:
            op["requestBody"] = {"required": True, "content": {"application/json": {"schema": {"type": "object", "properties": body}}}}
        resp = {"description": "ok"}
        if m.get("response"):
            resp["content"] = {"application/json": {"schema": {"$ref": ref + m["response"]}}}
        op["responses"]["200"] = resp
        paths.setdefault(m["path"], {})[m["verb"].lower()] = op
    return paths


out_dir = sys.argv[1]
openapi = {
    "openapi": "3.0.3",
    "info": {"title": "Inbox", "version": "2"},
    "paths": operations("#/components/schemas/"),
    "components": {"schemas": definitions("#/components/schemas/")},
}
json.dump(openapi, open(f"{out_dir}/openapi.json", "w"), indent=1)
schema = {"$schema": "http://json-schema.org/draft-07/schema#", "definitions": definitions("#/definitions/")}
json.dump(schema, open(f"{out_dir}/schema.json", "w"), indent=1)
