"""The API description, api/openapi.json, against the server and the route table:
served as it is in the tree, a valid OpenAPI 3.1 shape whose schemas are valid JSON
Schema 2020-12, every /api/v1 route of the route table in it (and nothing else), the
roles it names the route table's. Every JSON answer of every HTTP and browser test is
validated against it by tests/lib/kk.py; here the checker is shown to catch a wrong
answer, and the operations no other suite reaches are called."""
import copy
import json
import os
import re
import sys
import time

import jsonschema

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import kk  # noqa: E402
import openapi  # noqa: E402

PW = "openapi test password"


def refs(node):
    """Every $ref in node."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref":
                yield v
            else:
                yield from refs(v)
    elif isinstance(node, list):
        for v in node:
            yield from refs(v)


class Document(kk.ServerCase):
    def test_served_as_in_the_tree(self):
        r = self.srv.client().get("/api/v1/openapi.json")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("content-type").split(";")[0], "application/json")
        with open(os.path.join(openapi.ROOT, "api", "openapi.json"), "rb") as f:
            self.assertEqual(r.body, f.read())
        self.assertEqual(r.json()["openapi"], "3.1.0")

    def test_every_route_of_the_table_and_nothing_else(self):
        table = openapi.route_table()
        self.assertGreater(len(table), 80)  # the table was read, not an empty match
        doc = openapi.document()
        in_doc = {(m.upper(), p) for p, ops in doc["paths"].items() for m in ops}
        in_table = {(m, p) for m, p, _ in table}
        self.assertEqual(sorted(in_table - in_doc), [], "routes missing from api/openapi.json")
        self.assertEqual(sorted(in_doc - in_table), [], "operations the server does not have")
        for m, p, roles in table:
            op = doc["paths"][p][m.lower()]
            self.assertEqual(set(op["x-roles"]), roles, "%s %s: x-roles" % (m, p))
            # anyone: no security needed; otherwise a bearer token or the session
            self.assertEqual({} in op["security"], not roles, "%s %s: security" % (m, p))

    def test_a_valid_openapi_31_shape(self):
        doc = openapi.document()
        self.assertTrue(doc["info"]["title"] and doc["info"]["version"])
        ids = []
        for p, ops in doc["paths"].items():
            params = set(re.findall(r"\{(\w+)\}", p))
            for m, op in ops.items():
                where = "%s %s" % (m, p)
                self.assertIn(m, ("get", "post", "put", "patch", "delete"), where)
                ids.append(op["operationId"])
                self.assertTrue(op["summary"], where)
                self.assertIn("default", op["responses"], where)
                self.assertTrue(any(s.startswith("2") for s in op["responses"]), where)
                declared = set()
                for prm in op.get("parameters", []):
                    prm = openapi._deref(prm)
                    self.assertIn(prm["in"], ("path", "query"), where)
                    if prm["in"] == "path":
                        self.assertTrue(prm["required"], where)
                        declared.add(prm["name"])
                    jsonschema.Draft202012Validator.check_schema(prm["schema"])
                self.assertEqual(declared, params, where + ": path parameters")
                for s, resp in op["responses"].items():
                    self.assertRegex(s, r"^([1-5][0-9][0-9]|default)$", where)
                    resp = openapi._deref(resp)
                    self.assertTrue(resp["description"], where)
                    for media in resp.get("content", {}).values():
                        jsonschema.Draft202012Validator.check_schema(media["schema"])
                for media in op.get("requestBody", {}).get("content", {}).values():
                    jsonschema.Draft202012Validator.check_schema(media["schema"])
                for sec in op["security"]:
                    for name in sec:
                        self.assertIn(name, doc["components"]["securitySchemes"], where)
                for t in op["tags"]:
                    self.assertIn(t, [x["name"] for x in doc["tags"]], where)
        self.assertEqual(len(ids), len(set(ids)), "operationIds are unique")
        for name, schema in doc["components"]["schemas"].items():
            jsonschema.Draft202012Validator.check_schema(schema)
        for ref in set(refs(doc)):
            self.assertTrue(ref.startswith("#/components/"), ref)
            node = doc
            for part in ref[2:].split("/"):
                self.assertIn(part, node, "unresolved " + ref)
                node = node[part]

    def test_the_checker_catches_a_wrong_answer(self):
        body = self.srv.client().get("/api/v1/prefectures").body
        openapi.check_response("GET", "/api/v1/prefectures", 200, "application/json", body)
        wrong = json.loads(body)
        del wrong[3]["block"]
        with self.assertRaisesRegex(openapi.ContractError, "block"):
            openapi.check_response("GET", "/api/v1/prefectures", 200, "application/json",
                                   json.dumps(wrong))
        extra = json.loads(body)
        extra[0]["secret"] = 1
        with self.assertRaisesRegex(openapi.ContractError, "secret"):
            openapi.check_response("GET", "/api/v1/prefectures", 200, "application/json",
                                   json.dumps(extra))
        with self.assertRaisesRegex(openapi.ContractError, "no such operation"):
            openapi.check_response("GET", "/api/v1/nowhere", 200, "application/json", "{}")
        with self.assertRaisesRegex(openapi.ContractError, "text/html answered"):
            openapi.check_response("GET", "/api/v1/me", 200, "text/html", "<p>")
        err = {"error": {"code": "not_found", "message": "x", "stack": "..."}}
        with self.assertRaisesRegex(openapi.ContractError, "stack"):
            openapi.check_response("GET", "/api/v1/experts/9", 404, "application/json",
                                   json.dumps(err))

    def test_the_document_is_not_changed_by_validation(self):
        before = copy.deepcopy(openapi.document())
        self.srv.client().get("/api/v1/taxonomy")
        self.assertEqual(openapi.document(), before)


class Unreached(kk.ServerCase):
    """The operations no other suite calls, so that their answers are validated too."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.srv.admin(PW)
        cls.n = 0

    def account(self, role, pref="27"):
        Unreached.n += 1
        return self.srv.account("%s%d@example.jp" % (role, self.n), role, PW, pref,
                                "%s %d" % (role, self.n))

    def expert(self):
        c = self.account("expert")
        r = c.api("PUT", "/api/v1/experts/me", {
            "display_name": "専門家 %d" % c.id, "prefecture": "27",
            "skills": [{"code": "incident_response", "level": 3}], "roles": ["responder"],
            "modes": ["remote"], "ethics_accepted": True})
        self.assertIn(r.status, (200, 201), r.text)
        return c

    def test_unhide_a_profile(self):
        e = self.expert()
        r = self.admin.api("POST", "/api/v1/experts/%d/hide" % e.id, {"reason": "確認中"})
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(self.srv.client().get("/api/v1/experts/%d" % e.id).status, 404)
        r = self.admin.api("POST", "/api/v1/experts/%d/unhide" % e.id, {"reason": "確認済み"})
        self.assertEqual(r.status, 200, r.text)
        self.assertFalse(r.json()["hidden"])
        self.assertEqual(self.srv.client().get("/api/v1/experts/%d" % e.id).status, 200)

    def test_unmark_an_organiser(self):
        r = self.admin.api("POST", "/api/v1/communities", {
            "name": "大阪の勉強会", "type": "network", "prefectures": ["27"]})
        self.assertEqual(r.status, 201, r.text)
        cid = r.json()["id"]
        e = self.expert()
        self.assertEqual(e.api("POST", "/api/v1/communities/%d/members" % cid).status, 201)
        r = self.admin.api("POST", "/api/v1/communities/%d/organisers" % cid, {"expert_id": e.id})
        self.assertEqual(r.status, 200, r.text)
        r = self.admin.api("DELETE", "/api/v1/communities/%d/organisers/%d" % (cid, e.id))
        self.assertEqual(r.status, 200, r.text)
        self.assertFalse(r.json()["organiser"])
        self.assertEqual(self.srv.sql("SELECT organiser FROM community_members WHERE community_id = ?"
                                      " AND expert_id = ?", cid, e.id)[0][0], 0)

    def test_edit_a_request(self):
        desk = self.account("desk")
        did = self.admin.api("POST", "/api/v1/desks", {"prefecture": "27", "name": "大阪 駆け込み寺"}).json()["id"]
        self.assertEqual(self.admin.api("POST", "/api/v1/desks/%d/operators" % did,
                                        {"account_id": desk.id}).status, 200)
        sme = self.account("sme")
        self.assertEqual(sme.api("PUT", "/api/v1/companies/me", {
            "name": "株式会社 テスト", "prefecture": "27", "industry": "E",
            "employees": "6-20"}).status, 201)
        r = sme.api("POST", "/api/v1/requests", {"kind": "advice", "topics": ["backup"],
                                                 "description": "バックアップの相談をしたい"})
        self.assertEqual(r.status, 201, r.text)
        rid = r.json()["id"]
        r = desk.api("PATCH", "/api/v1/requests/%d" % rid, {
            "topics": ["backup", "incident_response"], "roles": ["adviser"], "urgency": "high"})
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual(r.json()["topics"], ["backup", "incident_response"])
        self.assertEqual(r.json()["urgency"], "high")
        # a bad value: 400 naming the field, nothing changed
        r = desk.api("PATCH", "/api/v1/requests/%d" % rid, {"topics": ["no_such_skill"]})
        self.assertEqual(r.status, 400, r.text)
        self.assertEqual(r.json()["error"]["field"], "topics")
        self.assertEqual(sme.get("/api/v1/requests/%d" % rid).json()["urgency"], "high")

    def test_an_organiser_reads_the_registrations(self):
        now = int(time.time())

        def iso(t):
            return time.strftime("%Y-%m-%dT%H:%M:%S+09:00", time.gmtime(t + 9 * 3600))
        r = self.admin.api("POST", "/api/v1/events", {
            "title": "インシデント対応 勉強会", "kind": "study", "audience": "everyone",
            "starts_at": iso(now + 7 * 86400), "ends_at": iso(now + 7 * 86400 + 7200),
            "prefecture": "27", "venue": "大阪商工会議所", "capacity": 10})
        self.assertEqual(r.status, 201, r.text)
        eid = r.json()["id"]
        e = self.expert()
        self.assertEqual(e.api("POST", "/api/v1/events/%d/registrations" % eid).status, 201)
        r = self.admin.get("/api/v1/events/%d/registrations" % eid)
        self.assertEqual(r.status, 200, r.text)
        self.assertEqual([x["account_id"] for x in r.json()["registrations"]], [e.id])


if __name__ == "__main__":
    kk.main("openapi")
