// Statements kept prepared per pooled connection (db/statement_cache.hpp), on SQLite.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "db/query.hpp"
#include "temp_database.hpp"

namespace lvzhi {
namespace {

void make_table(db::Database& db) {
  auto sql = db.session();
  *sql << "CREATE TABLE kept_rows (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)";
  *sql << "INSERT INTO kept_rows (id, name) VALUES (1, 'one'), (2, 'two'), (3, 'three')";
}

std::string name_of(soci::session& sql, long long id) {
  std::string name;
  auto st =
      db::kept(sql, "SELECT name FROM kept_rows WHERE id = :id", soci::use(id), soci::into(name));
  return st.execute(true) ? name : "-";
}

long long count_rows(soci::session& sql) {
  long long count = 0;
  auto st = db::kept(sql, "SELECT COUNT(*) FROM kept_rows", soci::into(count));
  st.execute(true);
  return count;
}

TEST(StatementCache, AKeptStatementRunsAgainWithNewValues) {
  testing::TempDatabase temp;
  make_table(temp.db());
  temp.db().read([](soci::session& sql) {
    EXPECT_EQ(name_of(sql, 1), "one");
    EXPECT_EQ(name_of(sql, 3), "three");
    EXPECT_EQ(name_of(sql, 9), "-");
    EXPECT_EQ(name_of(sql, 2), "two");
  });
  // Next transaction, same connection pool: the kept statements answer again.
  EXPECT_EQ(temp.db().read_statement([](soci::session& sql) { return name_of(sql, 3); }), "three");
}

TEST(StatementCache, ARunInsideAnotherRunOfTheSameTextGetsItsOwnStatement) {
  testing::TempDatabase temp;
  make_table(temp.db());
  std::vector<std::string> pairs;
  temp.db().read([&](soci::session& sql) {
    long long id = 0;
    const long long first = 1;  // use() binds a reference: the value must outlive the statement
    auto outer = db::kept(sql, "SELECT id FROM kept_rows WHERE id >= :from ORDER BY id",
                          soci::use(first), soci::into(id));
    outer.execute();
    while (outer.fetch()) {
      long long inner_count = 0;
      long long next = 0;
      const long long from = id + 1;
      auto inner = db::kept(sql, "SELECT id FROM kept_rows WHERE id >= :from ORDER BY id",
                            soci::use(from), soci::into(next));
      inner.execute();
      while (inner.fetch()) ++inner_count;
      pairs.push_back(std::to_string(id) + ":" + std::to_string(inner_count));
    }
  });
  EXPECT_EQ(pairs, (std::vector<std::string>{"1:2", "2:1", "3:0"}));
}

TEST(StatementCache, AFailedRunLeavesTheStatementUsable) {
  testing::TempDatabase temp;
  make_table(temp.db());
  const auto insert = [&](const std::string& name) {
    return temp.db().write([&](soci::session& sql) -> Status {
      auto st = db::kept(sql, "INSERT INTO kept_rows (name) VALUES (:name)", soci::use(name));
      st.execute(true);
      return ok_status();
    });
  };
  EXPECT_TRUE(insert("four").ok());
  EXPECT_THROW((void)insert("four"), soci::soci_error);  // UNIQUE
  EXPECT_TRUE(insert("five").ok());
  EXPECT_EQ(temp.db().read_statement([](soci::session& sql) { return count_rows(sql); }), 5);
}

TEST(StatementCache, AKeptReadHoldsNoSnapshotAfterwards) {
  testing::TempDatabase temp;
  make_table(temp.db());
  // One connection each, so the reader's connection is the one that ran the kept statement.
  auto reader = db::Database::open(temp.path(), 1);
  auto writer = db::Database::open(temp.path(), 1);
  reader->read_statement([](soci::session& sql) {
    long long id = 0;
    auto st = db::kept(sql, "SELECT id FROM kept_rows ORDER BY id", soci::into(id));
    EXPECT_TRUE(st.execute(true));  // the first of three rows; the rest are never fetched
    EXPECT_EQ(id, 1);
  });
  writer->read_statement([](soci::session& sql) {
    sql << "INSERT INTO kept_rows (name) VALUES ('four')";
    return 0;
  });
  EXPECT_EQ(reader->read_statement([](soci::session& sql) { return count_rows(sql); }), 4);
}

TEST(StatementCache, OneTextServesAnyNumberOfIds) {
  testing::TempDatabase temp;
  make_table(temp.db());
  const auto& dialect = temp.db().dialect();
  const auto names = [&](const std::vector<long long>& ids) {
    return temp.db().read([&](soci::session& sql) {
      std::string all;
      std::string name;
      const std::string array = dialect.id_array(ids);
      auto st = db::kept(
          sql, "SELECT name FROM kept_rows WHERE " + dialect.in_ids("id", ":ids") + " ORDER BY id",
          soci::use(array), soci::into(name));
      st.execute();
      while (st.fetch()) all += name + " ";
      return all;
    });
  };
  EXPECT_EQ(names({3, 1}), "one three ");
  EXPECT_EQ(names({}), "");
  EXPECT_EQ(names({2, 2, 9}), "two ");
}

}  // namespace
}  // namespace lvzhi
