// /committees: create with parent, unique names, no parent cycles, list with q and pagination,
// patch, 404.
#include <set>

#include "harness.hpp"

namespace lvzhi::api_test {
namespace {

class Committees : public ApiTest {
 protected:
  Response create(Client& client, const std::string& name, const std::string& level,
                  long long parent = 0) {
    json body = {{"name", name}, {"level", level}};
    if (parent > 0) body["parent_id"] = parent;
    return client.post("/committees", body);
  }
  long long create_id(Client& client, const std::string& name, const std::string& level,
                      long long parent = 0) {
    const Response response = create(client, name, level, parent);
    EXPECT_TRUE(IsStatus(response, 201));
    return response.json.value("id", 0LL);
  }
};

TEST_F(Committees, DefaultCommitteeExists) {
  Client sysadmin = server().login_admin("sysadmin");
  const Response response = sysadmin.get("/committees/1");
  ASSERT_TRUE(IsStatus(response, 200));
  EXPECT_EQ(response.json.value("name", ""), "政协委员会");
  EXPECT_EQ(response.json.value("is_active", false), true);
}

TEST_F(Committees, CreateWithParent) {
  Client sysadmin = server().login_admin("sysadmin");
  const Response province = sysadmin.post(
      "/committees",
      {{"name", "河北省政协"}, {"short_name", "河北"}, {"level", "province"}, {"parent_id", 1}});
  ASSERT_TRUE(IsStatus(province, 201));
  const auto& body = province.json;
  EXPECT_GT(body.value("id", 0LL), 1);
  EXPECT_EQ(body.value("parent_id", 0LL), 1);
  EXPECT_EQ(body.value("name", ""), "河北省政协");
  EXPECT_EQ(body.value("short_name", ""), "河北");
  EXPECT_EQ(body.value("level", ""), "province");
  EXPECT_EQ(body.value("is_active", false), true);
  EXPECT_GE(body.value("created_at", 0LL), now_s() - 60);
  EXPECT_TRUE(body.contains("updated_at"));

  const Response city = create(sysadmin, "石家庄市政协", "city", body.value("id", 0LL));
  ASSERT_TRUE(IsStatus(city, 201));
  EXPECT_EQ(city.json.value("parent_id", 0LL), body.value("id", 0LL));
  const Response fetched = sysadmin.get("/committees/" + std::to_string(body.value("id", 0LL)));
  ASSERT_TRUE(IsStatus(fetched, 200));
  EXPECT_EQ(fetched.json, body);

  const Response root = create(sysadmin, "独立政协", "national");
  ASSERT_TRUE(IsStatus(root, 201));
  EXPECT_TRUE(root.json["parent_id"].is_null()) << root.describe();
}

TEST_F(Committees, UnknownParentIsRefused) {
  Client sysadmin = server().login_admin("sysadmin");
  const Unchanged unchanged(server());
  const Response response = create(sysadmin, "无主政协", "city", 999999);
  EXPECT_TRUE(response.status == 422 || response.status == 404) << response.describe();
  EXPECT_TRUE(unchanged.check());
}

TEST_F(Committees, NameTakenIs409) {
  Client sysadmin = server().login_admin("sysadmin");
  const long long first = create_id(sysadmin, "河北省政协", "province", 1);
  const long long second = create_id(sysadmin, "山西省政协", "province", 1);
  ASSERT_GT(first, 0);
  ASSERT_GT(second, 0);
  const Unchanged unchanged(server());
  EXPECT_TRUE(IsError(create(sysadmin, "河北省政协", "city", 1), 409, "committee.name_taken"));
  EXPECT_TRUE(IsError(create(sysadmin, "政协委员会", "city"), 409, "committee.name_taken"));
  EXPECT_TRUE(
      IsError(sysadmin.patch("/committees/" + std::to_string(second), {{"name", "河北省政协"}}),
              409, "committee.name_taken"));
  EXPECT_TRUE(unchanged.check());
  EXPECT_EQ(sysadmin.get("/committees/" + std::to_string(second)).json.value("name", ""),
            "山西省政协");
  // Renaming to its own name is no conflict.
  EXPECT_TRUE(IsStatus(
      sysadmin.patch("/committees/" + std::to_string(second), {{"name", "山西省政协"}}), 200));
}

TEST_F(Committees, ParentCycleIs422) {
  Client sysadmin = server().login_admin("sysadmin");
  const long long a = create_id(sysadmin, "甲市政协", "city", 1);
  const long long b = create_id(sysadmin, "乙区政协", "district", a);
  const long long c = create_id(sysadmin, "丙区政协", "district", b);
  const Unchanged unchanged(server());
  for (const long long parent : {a, b, c}) {
    SCOPED_TRACE("parent " + std::to_string(parent));
    EXPECT_TRUE(IsValidationError(
        sysadmin.patch("/committees/" + std::to_string(a), {{"parent_id", parent}}), "parent_id"));
  }
  EXPECT_TRUE(IsValidationError(sysadmin.patch("/committees/1", {{"parent_id", c}}), "parent_id"));
  EXPECT_TRUE(unchanged.check());
  EXPECT_EQ(sysadmin.get("/committees/" + std::to_string(a)).json.value("parent_id", 0LL), 1);
  // Moving a leaf elsewhere is fine.
  const Response moved = sysadmin.patch("/committees/" + std::to_string(c), {{"parent_id", a}});
  ASSERT_TRUE(IsStatus(moved, 200));
  EXPECT_EQ(moved.json.value("parent_id", 0LL), a);
}

TEST_F(Committees, ListWithFilterAndPagination) {
  Client sysadmin = server().login_admin("sysadmin");
  for (const std::string suffix : {"一", "二", "三", "四", "五"})
    create_id(sysadmin, "测试区政协" + suffix, "district", 1);
  create_id(sysadmin, "其他市政协", "city", 1);

  const Response all = sysadmin.get("/committees");
  ASSERT_TRUE(IsStatus(all, 200));
  EXPECT_EQ(all.json.value("total", 0), 7);
  EXPECT_EQ(all.json["items"].size(), 7U);

  std::set<long long> seen;
  for (int page = 1; page <= 3; ++page) {
    const Response response =
        sysadmin.get("/committees?q=%E6%B5%8B%E8%AF%95&page_size=2&page=" + std::to_string(page));
    ASSERT_TRUE(IsStatus(response, 200));
    EXPECT_EQ(response.json.value("total", 0), 5);
    EXPECT_EQ(response.json.value("page", 0), page);
    EXPECT_EQ(response.json.value("page_size", 0), 2);
    EXPECT_EQ(response.json["items"].size(), page < 3 ? 2U : 1U) << response.describe();
    for (const auto& item : response.json["items"]) {
      EXPECT_NE(item.value("name", "").find("测试"), std::string::npos) << item.dump();
      seen.insert(item.value("id", 0LL));
    }
  }
  EXPECT_EQ(seen.size(), 5U) << "pages overlap";
  const Response beyond = sysadmin.get("/committees?q=%E6%B5%8B%E8%AF%95&page_size=2&page=4");
  ASSERT_TRUE(IsStatus(beyond, 200));
  EXPECT_TRUE(beyond.json["items"].empty());
  EXPECT_EQ(beyond.json.value("total", 0), 5);
  const Response none = sysadmin.get("/committees?q=nothing-like-this");
  ASSERT_TRUE(IsStatus(none, 200));
  EXPECT_EQ(none.json.value("total", -1), 0);
}

TEST_F(Committees, PatchChangesFields) {
  Client sysadmin = server().login_admin("sysadmin");
  const long long id = create_id(sysadmin, "旧名政协", "city", 1);
  const std::string path = "/committees/" + std::to_string(id);
  const Response patched = sysadmin.patch(
      path,
      {{"name", "新名政协"}, {"short_name", "新名"}, {"level", "district"}, {"is_active", false}});
  ASSERT_TRUE(IsStatus(patched, 200));
  EXPECT_EQ(patched.json.value("name", ""), "新名政协");
  EXPECT_EQ(patched.json.value("short_name", ""), "新名");
  EXPECT_EQ(patched.json.value("level", ""), "district");
  EXPECT_EQ(patched.json.value("is_active", true), false);
  EXPECT_EQ(patched.json.value("parent_id", 0LL), 1) << "untouched fields stay";
  EXPECT_EQ(sysadmin.get(path).json, patched.json);
}

TEST_F(Committees, UnknownCommitteeIs404) {
  Client sysadmin = server().login_admin("sysadmin");
  const Unchanged unchanged(server());
  EXPECT_TRUE(IsError(sysadmin.get("/committees/999999"), 404, "committee.not_found"));
  EXPECT_TRUE(IsError(sysadmin.patch("/committees/999999", {{"short_name", "无"}}), 404,
                      "committee.not_found"));
  EXPECT_TRUE(unchanged.check());
}

}  // namespace
}  // namespace lvzhi::api_test
