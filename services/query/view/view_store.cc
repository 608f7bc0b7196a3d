#include "services/query/view/view_store.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <mutex>
#include <tuple>

#include <google/protobuf/util/message_differencer.h>
#include <google/protobuf/util/time_util.h>

#include "absl/strings/str_cat.h"
#include "services/common/catalog_entries.h"
#include "services/query/view/page_token.h"

namespace streamlens::view {
namespace {

using Micros = int64_t;
constexpr Micros kHour = 3600LL * 1000 * 1000;

Micros ToMicros(const google::protobuf::Timestamp& t) { return t.seconds() * 1000000 + t.nanos() / 1000; }
google::protobuf::Timestamp FromMicros(Micros us) {
  return google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(us);
}

// Entities known only from records carry their type in the id prefix.
v1::EntityType TypeFromId(std::string_view id) {
  auto colon = id.find(':');
  std::string_view prefix = id.substr(0, colon == std::string_view::npos ? 0 : colon);
  if (prefix == "company") return v1::ENTITY_TYPE_COMPANY;
  if (prefix == "person") return v1::ENTITY_TYPE_PERSON;
  if (prefix == "place") return v1::ENTITY_TYPE_PLACE;
  if (prefix == "org") return v1::ENTITY_TYPE_ORGANISATION;
  if (prefix == "exchange") return v1::ENTITY_TYPE_EXCHANGE;
  if (prefix == "brand") return v1::ENTITY_TYPE_BRAND;
  return v1::ENTITY_TYPE_UNSPECIFIED;
}

// Lower-case ASCII letters and digits; every other run of bytes is one space.
std::string Normalize(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c >= 0x80) {
      if (space && !out.empty()) out.push_back(' ');
      space = false;
      out.push_back(static_cast<char>(std::tolower(c)));
    } else {
      space = true;
    }
  }
  return out;
}

// Delta key: (metric, segment, basis, period). Entity is implied by the owner.
std::string DeltaKey(const v1::MetricDelta& d) {
  const auto& p = d.period();
  return absl::StrCat(d.metric(), "|", d.segment(), "|", d.basis(), "|", p.kind(), "|", p.fiscal_year(), "|",
                      p.fiscal_quarter(), "|", p.end_date());
}

// Newest period first: fiscal year, end date, quarter, then report time and id
// so the order is total and the same on every replica.
bool NewerDelta(const v1::MetricDelta& a, const v1::MetricDelta& b) {
  const auto& pa = a.period();
  const auto& pb = b.period();
  auto ka = std::make_tuple(pa.fiscal_year(), std::string_view(pa.end_date()), pa.fiscal_quarter(),
                            ToMicros(a.reported_at()), std::string_view(a.id()));
  auto kb = std::make_tuple(pb.fiscal_year(), std::string_view(pb.end_date()), pb.fiscal_quarter(),
                            ToMicros(b.reported_at()), std::string_view(b.id()));
  return ka > kb;
}

long double AmountValue(const v1::Amount& a) {
  return static_cast<long double>(a.units()) / std::pow(10.0L, static_cast<long double>(a.scale()));
}

absl::StatusOr<int> PageSize(int32_t given, int def, int max, std::string_view field = "page_size") {
  if (given == 0) return def;
  if (given < 0 || given > max) {
    return absl::InvalidArgumentError(
        absl::StrCat(std::string(field), ": must be between 1 and ", max, " (0 for the default ", def, "), got ", given));
  }
  return given;
}

absl::Status RequireEntityId(const std::string& id) {
  if (id.empty()) return absl::InvalidArgumentError("entity_id: required, e.g. \"company:baba\"");
  return absl::OkStatus();
}

absl::Status NotFound(const std::string& id) {
  return absl::NotFoundError("entity \"" + id + "\" is not in the view (search with SearchEntities)");
}

// Search key kinds, best first.
enum class KeyKind : uint8_t { kCode = 0, kName = 1, kWord = 2 };

}  // namespace

WatchFilter WatchFilter::From(const v1::WatchRequest& request) {
  WatchFilter f;
  f.entity_ids.insert(request.entity_ids().begin(), request.entity_ids().end());
  for (int m : request.metrics()) f.metrics.insert(m);
  for (int t : request.entity_types()) f.entity_types.insert(t);
  return f;
}

struct ViewStore::Impl {
  struct RelationFact {
    uint32_t article;
    v1::RelationType type;
    bool outgoing;  // the entity owning the edge is the subject
    std::string role;
  };
  struct Edge {
    std::vector<uint32_t> articles;  // evidence, newest first, distinct
    std::vector<RelationFact> relations;
    double weight() const { return static_cast<double>(articles.size() + relations.size()); }
  };
  struct ArticleRef {
    uint32_t article;
    float salience;
    int32_t mentions;
  };
  struct Entity {
    std::string id;
    v1::EntityType type = v1::ENTITY_TYPE_UNSPECIFIED;
    std::string ref_name;                        // from the newest record naming it
    std::unique_ptr<v1::CatalogEntity> profile;  // from the catalog; null when none
    std::map<std::string, v1::MetricDelta> deltas;
    std::vector<ArticleRef> articles;  // newest first
    std::unordered_map<uint32_t, Edge> edges;
    std::vector<std::string> search_keys;
    // Bumped whenever an edge of this entity changes; the cached order of its
    // neighbours (strongest first) is valid for one version. Hubs such as
    // place:usa have thousands of neighbours: ranking them on every
    // GetEntity would dominate the call.
    uint64_t edges_version = 1;
    struct LinkOrder {
      uint64_t version = 0;
      std::vector<uint32_t> neighbours;
    };
    mutable std::shared_ptr<const LinkOrder> link_order;  // guarded by Impl::rankings_mu
    bool Known() const { return profile || !deltas.empty() || !articles.empty() || !edges.empty(); }
    const std::string& Name() const { return profile ? profile->name() : (ref_name.empty() ? id : ref_name); }
  };
  struct Mention {
    uint32_t entity;
    float salience;
    int32_t count;
  };
  struct Relation {
    uint32_t subject;
    uint32_t object;
    v1::RelationType type;
    std::string role;
  };
  struct Article {
    std::string id;
    std::string title;
    std::string link_id;
    Micros published = 0;
    std::vector<Mention> mentions;
    std::vector<Relation> relations;
  };
  struct LoggedChange {
    v1::ViewChange change;
    std::vector<int> types;
  };

  Options options;
  std::vector<Entity> entities;
  std::unordered_map<std::string, uint32_t> entity_index;
  std::vector<Article> articles;
  std::unordered_map<std::string, uint32_t> article_index;
  std::map<std::string, std::vector<std::pair<uint32_t, KeyKind>>> search;
  std::map<int, std::set<uint32_t>> metric_entities;
  Micros newest = std::numeric_limits<Micros>::min();
  size_t delta_count = 0;
  // Bumped by every delta change; TopMovers rankings computed for an older
  // generation are recomputed.
  uint64_t delta_generation = 0;
  struct Ranking {
    uint64_t generation = 0;
    std::vector<const v1::MetricDelta*> rows;  // valid while the view is read-locked
  };
  mutable std::mutex rankings_mu;
  mutable std::map<std::string, std::shared_ptr<const Ranking>> rankings;  // guarded by rankings_mu
  size_t edge_count = 0;  // directed; undirected is half
  int64_t sequence = 0;
  std::deque<LoggedChange> log;

  // ---- entities ----
  uint32_t Ensure(const std::string& id) {
    auto [it, inserted] = entity_index.try_emplace(id, static_cast<uint32_t>(entities.size()));
    if (inserted) {
      Entity e;
      e.id = id;
      e.type = TypeFromId(id);
      entities.push_back(std::move(e));
    }
    return it->second;
  }
  uint32_t EnsureRef(const v1::EntityRef& ref) {
    uint32_t idx = Ensure(ref.id());
    Entity& e = entities[idx];
    if (!e.profile) {
      bool reindex = false;
      if (ref.type() != v1::ENTITY_TYPE_UNSPECIFIED && e.type != ref.type()) e.type = ref.type();
      if (!ref.name().empty() && e.ref_name != ref.name()) {
        e.ref_name = ref.name();
        reindex = true;
      }
      if (reindex || e.search_keys.empty()) Reindex(idx);
    } else if (!ref.name().empty()) {
      e.ref_name = ref.name();
    }
    return idx;
  }
  const Entity* Find(const std::string& id) const {
    auto it = entity_index.find(id);
    if (it == entity_index.end() || !entities[it->second].Known()) return nullptr;
    return &entities[it->second];
  }
  v1::EntityRef Ref(uint32_t idx) const {
    const Entity& e = entities[idx];
    v1::EntityRef r;
    r.set_id(e.id);
    r.set_type(e.type);
    r.set_name(e.Name());
    return r;
  }
  v1::CatalogEntity Profile(const Entity& e) const {
    if (e.profile) return *e.profile;
    v1::CatalogEntity p;
    p.set_id(e.id);
    p.set_type(e.type);
    p.set_name(e.Name());
    return p;
  }

  // ---- search index ----
  void Unindex(uint32_t idx) {
    for (const auto& key : entities[idx].search_keys) {
      auto it = search.find(key);
      if (it == search.end()) continue;
      auto& v = it->second;
      v.erase(std::remove_if(v.begin(), v.end(), [&](const auto& p) { return p.first == idx; }), v.end());
      if (v.empty()) search.erase(it);
    }
    entities[idx].search_keys.clear();
  }
  void AddKey(uint32_t idx, const std::string& key, KeyKind kind) {
    if (key.empty()) return;
    auto& v = search[key];
    for (auto& [i, k] : v) {
      if (i == idx) {
        k = std::min(k, kind);
        return;
      }
    }
    v.emplace_back(idx, kind);
    entities[idx].search_keys.push_back(key);
  }
  void AddName(uint32_t idx, std::string_view name) {
    std::string n = Normalize(name);
    AddKey(idx, n, KeyKind::kName);
    for (size_t pos = n.find(' '); pos != std::string::npos; pos = n.find(' ', pos + 1)) {
      AddKey(idx, n.substr(pos + 1), KeyKind::kWord);
    }
  }
  void Reindex(uint32_t idx) {
    Unindex(idx);
    Entity& e = entities[idx];
    AddKey(idx, Normalize(e.id), KeyKind::kCode);
    if (e.profile) {
      AddName(idx, e.profile->name());
      for (const auto& a : e.profile->aliases()) AddName(idx, a);
      for (const auto& a : e.profile->case_sensitive_aliases()) AddName(idx, a);
      for (const auto& c : e.profile->codes()) {
        if (c.scheme() == "ticker" || c.scheme() == "reuters21578") AddKey(idx, Normalize(c.value()), KeyKind::kCode);
      }
    } else {
      AddName(idx, e.Name());
    }
  }

  // ---- articles ----
  bool NewerArticle(uint32_t a, uint32_t b) const {
    const Article& x = articles[a];
    const Article& y = articles[b];
    return x.published != y.published ? x.published > y.published : x.id > y.id;
  }
  void InsertSorted(std::vector<uint32_t>& v, uint32_t article) {
    auto it = std::lower_bound(v.begin(), v.end(), article, [&](uint32_t a, uint32_t b) { return NewerArticle(a, b); });
    if (it != v.end() && *it == article) return;
    v.insert(it, article);
  }
  void EraseSorted(std::vector<uint32_t>& v, uint32_t article) {
    auto it = std::lower_bound(v.begin(), v.end(), article, [&](uint32_t a, uint32_t b) { return NewerArticle(a, b); });
    if (it != v.end() && *it == article) v.erase(it);
  }
  Edge& EdgeOf(uint32_t from, uint32_t to) {
    auto [it, inserted] = entities[from].edges.try_emplace(to);
    if (inserted) ++edge_count;
    return it->second;
  }
  void DropEdgeIfEmpty(uint32_t from, uint32_t to) {
    auto& edges = entities[from].edges;
    auto it = edges.find(to);
    if (it != edges.end() && it->second.articles.empty() && it->second.relations.empty()) {
      edges.erase(it);
      --edge_count;
    }
  }

  void BumpEdges(const Article& art) {
    for (const auto& m : art.mentions) ++entities[m.entity].edges_version;
    for (const auto& r : art.relations) {
      ++entities[r.subject].edges_version;
      ++entities[r.object].edges_version;
    }
  }

  void AddContributions(uint32_t a) {
    const Article& art = articles[a];
    BumpEdges(art);
    for (const auto& m : art.mentions) {
      auto& list = entities[m.entity].articles;
      ArticleRef ref{a, m.salience, m.count};
      auto it = std::lower_bound(list.begin(), list.end(), ref,
                                 [&](const ArticleRef& x, const ArticleRef& y) { return NewerArticle(x.article, y.article); });
      list.insert(it, ref);
    }
    for (size_t i = 0; i < art.mentions.size(); ++i) {
      for (size_t j = 0; j < art.mentions.size(); ++j) {
        if (i != j) InsertSorted(EdgeOf(art.mentions[i].entity, art.mentions[j].entity).articles, a);
      }
    }
    for (const auto& r : art.relations) {
      if (r.subject == r.object) continue;
      for (auto [from, to] : {std::pair{r.subject, r.object}, std::pair{r.object, r.subject}}) {
        Edge& e = EdgeOf(from, to);
        e.relations.push_back({a, r.type, from == r.subject, r.role});
        InsertSorted(e.articles, a);
      }
    }
  }

  void RemoveContributions(uint32_t a) {
    const Article& art = articles[a];
    BumpEdges(art);
    for (const auto& m : art.mentions) {
      auto& list = entities[m.entity].articles;
      list.erase(std::remove_if(list.begin(), list.end(), [&](const ArticleRef& r) { return r.article == a; }),
                 list.end());
    }
    auto unlink = [&](uint32_t from, uint32_t to) {
      auto& edges = entities[from].edges;
      auto it = edges.find(to);
      if (it == edges.end()) return;
      EraseSorted(it->second.articles, a);
      auto& rel = it->second.relations;
      rel.erase(std::remove_if(rel.begin(), rel.end(), [&](const RelationFact& f) { return f.article == a; }),
                rel.end());
      DropEdgeIfEmpty(from, to);
    };
    for (size_t i = 0; i < art.mentions.size(); ++i) {
      for (size_t j = 0; j < art.mentions.size(); ++j) {
        if (i != j) unlink(art.mentions[i].entity, art.mentions[j].entity);
      }
    }
    for (const auto& r : art.relations) {
      unlink(r.subject, r.object);
      unlink(r.object, r.subject);
    }
  }

  // True when `article` is the oldest evidence of a link between `entity`
  // and one of the entities it shares the article with.
  bool Novel(uint32_t entity, uint32_t article) const {
    const auto& edges = entities[entity].edges;
    auto first_of = [&](uint32_t other) {
      auto it = edges.find(other);
      return it != edges.end() && !it->second.articles.empty() && it->second.articles.back() == article;
    };
    const Article& art = articles[article];
    for (const auto& m : art.mentions) {
      if (m.entity != entity && first_of(m.entity)) return true;
    }
    for (const auto& r : art.relations) {
      if (r.subject == entity && first_of(r.object)) return true;
      if (r.object == entity && first_of(r.subject)) return true;
    }
    return false;
  }

  v1::ArticleSummary Summary(uint32_t entity, const ArticleRef& ref) const {
    const Article& art = articles[ref.article];
    v1::ArticleSummary s;
    s.set_article_id(art.id);
    s.set_title(art.title);
    *s.mutable_published_at() = FromMicros(art.published);
    s.set_salience(ref.salience);
    s.set_mention_count(ref.mentions);
    s.set_novel(Novel(entity, ref.article));
    return s;
  }

  v1::MentionCounts Counts(const Entity& e) const {
    v1::MentionCounts c;
    c.set_total(static_cast<int32_t>(e.articles.size()));
    auto within = [&](Micros span) {
      Micros from = newest - span;
      // Newest first: the articles inside the window are a prefix.
      auto end = std::partition_point(e.articles.begin(), e.articles.end(),
                                      [&](const ArticleRef& r) { return articles[r.article].published >= from; });
      return static_cast<int32_t>(end - e.articles.begin());
    };
    if (!e.articles.empty()) {
      c.set_last_24h(within(24 * kHour));
      c.set_last_7d(within(7 * 24 * kHour));
    }
    return c;
  }

  // ---- links ----
  v1::LinkedEntity Linked(uint32_t to, const Edge& edge, double weight, int depth) const {
    v1::LinkedEntity l;
    *l.mutable_entity() = Ref(to);
    l.set_weight(weight);
    std::set<int> types;
    std::vector<std::string> roles;
    for (const auto& f : edge.relations) {
      if (types.insert(f.type).second) l.add_relation_types(f.type);
      if (!f.role.empty() && std::find(roles.begin(), roles.end(), f.role) == roles.end()) roles.push_back(f.role);
    }
    for (auto& r : roles) l.add_roles(std::move(r));
    // One StatedRelation per (type, direction, role): the newest article and
    // how many articles state it.
    struct Stated {
      uint32_t newest;
      uint32_t last;  // facts of one article are adjacent (added together)
      int32_t count;
    };
    std::map<std::tuple<int, int, std::string>, Stated> stated;
    for (const auto& f : edge.relations) {
      int direction = f.outgoing ? v1::RELATION_DIRECTION_OUTGOING : v1::RELATION_DIRECTION_INCOMING;
      auto [it, inserted] = stated.try_emplace({f.type, direction, f.role}, Stated{f.article, f.article, 1});
      if (inserted) continue;
      Stated& st = it->second;
      if (st.last != f.article) ++st.count;  // an article stating it twice counts once
      st.last = f.article;
      if (NewerArticle(f.article, st.newest)) st.newest = f.article;
    }
    for (const auto& [key, s] : stated) {
      v1::StatedRelation* r = l.add_relations();
      r->set_type(static_cast<v1::RelationType>(std::get<0>(key)));
      r->set_direction(static_cast<v1::RelationDirection>(std::get<1>(key)));
      r->set_role(std::get<2>(key));
      r->set_article_id(articles[s.newest].id);
      *r->mutable_last_seen() = FromMicros(articles[s.newest].published);
      r->set_article_count(s.count);
    }
    if (!edge.articles.empty()) *l.mutable_last_seen() = FromMicros(articles[edge.articles.front()].published);
    for (size_t i = 0; i < edge.articles.size() && i < options.max_evidence; ++i) {
      l.add_evidence_article_ids(articles[edge.articles[i]].id);
    }
    l.set_depth(depth);
    return l;
  }

  static bool PassesRelations(const Edge& edge, const std::set<int>& relation_types) {
    if (relation_types.empty()) return true;
    for (const auto& f : edge.relations) {
      if (relation_types.count(f.type)) return true;
    }
    return false;
  }

  // The links of `idx`, strongest first; only rows [offset, offset + limit)
  // are built as protos (a hub such as place:usa has thousands), `total` is
  // the number of rows.
  std::vector<v1::LinkedEntity> Links(uint32_t idx, int depth, const std::set<int>& relation_types,
                                      v1::EntityType type, size_t offset, size_t limit, size_t* total) const {
    struct Row {
      uint32_t to;
      const Edge* edge;
      double weight;
      Micros last_seen;
      uint32_t via;
    };
    auto order = [&](const Row& a, const Row& b) {
      if (a.weight != b.weight) return a.weight > b.weight;
      if (a.last_seen != b.last_seen) return a.last_seen > b.last_seen;
      return entities[a.to].id < entities[b.to].id;
    };
    auto last_seen = [&](const Edge& e) {
      return e.articles.empty() ? std::numeric_limits<Micros>::min() : articles[e.articles.front()].published;
    };
    auto type_ok = [&](uint32_t to) { return type == v1::ENTITY_TYPE_UNSPECIFIED || entities[to].type == type; };

    if (depth == 1 && relation_types.empty() && type == v1::ENTITY_TYPE_UNSPECIFIED) {
      // The unfiltered depth-1 order (GetEntity, plain GetLinks) is cached per entity.
      const Entity& e = entities[idx];
      std::shared_ptr<const Entity::LinkOrder> cached;
      {
        std::lock_guard lock(rankings_mu);
        if (e.link_order && e.link_order->version == e.edges_version) cached = e.link_order;
      }
      if (!cached) {
        std::vector<Row> rows;
        rows.reserve(e.edges.size());
        for (const auto& [to, edge] : e.edges) rows.push_back({to, &edge, edge.weight(), last_seen(edge), to});
        std::sort(rows.begin(), rows.end(), order);
        auto fresh = std::make_shared<Entity::LinkOrder>();
        fresh->version = e.edges_version;
        for (const Row& r : rows) fresh->neighbours.push_back(r.to);
        cached = fresh;
        std::lock_guard lock(rankings_mu);
        e.link_order = cached;
      }
      *total = cached->neighbours.size();
      std::vector<v1::LinkedEntity> out;
      for (size_t i = offset; i < *total && out.size() < limit; ++i) {
        uint32_t to = cached->neighbours[i];
        const Edge& edge = e.edges.at(to);
        out.push_back(Linked(to, edge, edge.weight(), 1));
      }
      return out;
    }

    std::vector<Row> first;
    for (const auto& [to, edge] : entities[idx].edges) {
      if (!PassesRelations(edge, relation_types)) continue;
      first.push_back({to, &edge, edge.weight(), last_seen(edge), to});
    }
    std::vector<Row> second;
    if (depth >= 2) {
      // A chain is as strong as its weaker hop; each entity is reached through
      // the depth-1 neighbour that gives the strongest chain.
      std::unordered_map<uint32_t, Row> best;
      for (const Row& hop : first) {
        for (const auto& [to, edge] : entities[hop.to].edges) {
          if (to == idx || entities[idx].edges.count(to) || !PassesRelations(edge, relation_types)) continue;
          if (!type_ok(to)) continue;
          Row row{to, &edge, std::min(hop.weight, edge.weight()), last_seen(edge), hop.to};
          auto [it, inserted] = best.try_emplace(to, row);
          if (!inserted && (row.weight > it->second.weight ||
                            (row.weight == it->second.weight && entities[row.via].id < entities[it->second.via].id))) {
            it->second = row;
          }
        }
      }
      for (auto& [to, row] : best) second.push_back(row);
    }
    first.erase(std::remove_if(first.begin(), first.end(), [&](const Row& r) { return !type_ok(r.to); }), first.end());
    // Only the rows up to the page end need to be in order.
    auto sort_prefix = [&](std::vector<Row>& rows, size_t k) {
      k = std::min(k, rows.size());
      std::partial_sort(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(k), rows.end(), order);
    };
    const size_t page_end = offset + limit;
    sort_prefix(first, page_end);
    sort_prefix(second, page_end > first.size() ? page_end - first.size() : 0);
    *total = first.size() + second.size();
    std::vector<v1::LinkedEntity> out;
    for (size_t i = offset; i < *total && out.size() < limit; ++i) {
      const bool direct = i < first.size();
      const Row& r = direct ? first[i] : second[i - first.size()];
      out.push_back(Linked(r.to, *r.edge, r.weight, direct ? 1 : 2));
      if (!direct) out.back().set_via_entity_id(entities[r.via].id);
    }
    return out;
  }

  // ---- change log ----
  void Log(v1::ViewChange change, std::vector<int> types) {
    change.set_sequence(++sequence);
    log.push_back({std::move(change), std::move(types)});
    while (log.size() > options.change_log_capacity) log.pop_front();
  }
  std::vector<int> TypesOf(const google::protobuf::RepeatedPtrField<std::string>& ids) const {
    std::vector<int> types;
    for (const auto& id : ids) {
      auto it = entity_index.find(id);
      if (it != entity_index.end()) types.push_back(entities[it->second].type);
    }
    return types;
  }

  static bool Matches(const LoggedChange& c, const WatchFilter& f) {
    const auto& ch = c.change;
    if (!f.entity_ids.empty() &&
        std::none_of(ch.entity_ids().begin(), ch.entity_ids().end(), [&](const std::string& id) { return f.entity_ids.count(id) > 0; })) {
      return false;
    }
    if (!f.metrics.empty() && (ch.kind() != v1::CHANGE_KIND_DELTA || !f.metrics.count(ch.delta().metric()))) {
      return false;
    }
    if (!f.entity_types.empty() &&
        std::none_of(c.types.begin(), c.types.end(), [&](int t) { return f.entity_types.count(t) > 0; })) {
      return false;
    }
    return true;
  }

  // Latest delta per segment of an entity for a metric, basis and period kind.
  void LatestPerSegment(const Entity& e, int metric, int basis, int kind,
                        std::vector<const v1::MetricDelta*>* out) const {
    std::map<std::string_view, const v1::MetricDelta*> best;
    for (const auto& [key, d] : e.deltas) {
      if (d.metric() != metric || d.basis() != basis) continue;
      if (kind != v1::PERIOD_KIND_UNSPECIFIED && d.period().kind() != kind) continue;
      auto& slot = best[d.segment()];
      if (slot == nullptr || NewerDelta(d, *slot)) slot = &d;
    }
    for (const auto& [seg, d] : best) out->push_back(d);
  }
};

ViewStore::ViewStore() : ViewStore(Options{}) {}
ViewStore::ViewStore(Options options) : impl_(std::make_unique<Impl>()) { impl_->options = options; }
ViewStore::~ViewStore() = default;

// ---------------------------------------------------------------------------
// Applying records
// ---------------------------------------------------------------------------

bool ViewStore::ApplyDelta(const v1::MetricDelta& delta) {
  if (delta.entity().id().empty() || delta.id().empty() || delta.metric() == v1::METRIC_KIND_UNSPECIFIED) return false;
  std::unique_lock lock(mu_);
  Impl& v = *impl_;
  uint32_t idx = v.EnsureRef(delta.entity());
  auto& deltas = v.entities[idx].deltas;
  std::string key = DeltaKey(delta);
  auto it = deltas.find(key);
  if (it != deltas.end()) {
    const auto& old = it->second;
    // A higher version is a correction; equal versions keep the larger id so
    // the outcome does not depend on the order replicas read records in.
    if (std::make_tuple(delta.version(), std::string_view(delta.id())) <=
        std::make_tuple(old.version(), std::string_view(old.id()))) {
      return false;
    }
    it->second = delta;
  } else {
    deltas.emplace(std::move(key), delta);
    ++v.delta_count;
  }
  v.metric_entities[delta.metric()].insert(idx);
  ++v.delta_generation;
  v1::ViewChange change;
  change.set_kind(v1::CHANGE_KIND_DELTA);
  change.add_entity_ids(delta.entity().id());
  *change.mutable_delta() = delta;
  v.Log(std::move(change), {v.entities[idx].type});
  return true;
}

bool ViewStore::ApplyLink(const v1::EntityLink& link) {
  if (link.article_id().empty()) return false;
  std::unique_lock lock(mu_);
  Impl& v = *impl_;
  auto [it, inserted] = v.article_index.try_emplace(link.article_id(), static_cast<uint32_t>(v.articles.size()));
  uint32_t a = it->second;
  if (inserted) {
    v.articles.emplace_back();
  } else {
    if (v.articles[a].link_id == link.id()) return false;  // a duplicate
    v.RemoveContributions(a);  // re-linked: the newer link replaces the article's earlier one
  }
  Impl::Article& art = v.articles[a];
  art.id = link.article_id();
  art.title = link.title();
  art.link_id = link.id();
  art.published = ToMicros(link.published_at());
  art.mentions.clear();
  art.relations.clear();
  for (const auto& m : link.mentions()) {
    if (m.entity().id().empty()) continue;
    uint32_t e = v.EnsureRef(m.entity());
    int32_t count = std::max(1, m.spans_size());
    auto same = std::find_if(art.mentions.begin(), art.mentions.end(), [&](const auto& x) { return x.entity == e; });
    if (same != art.mentions.end()) {
      same->salience = std::max(same->salience, static_cast<float>(m.salience()));
      same->count += count;
    } else {
      art.mentions.push_back({e, static_cast<float>(m.salience()), count});
    }
  }
  for (const auto& r : link.relations()) {
    if (r.subject_id().empty() || r.object_id().empty()) continue;
    uint32_t s = v.Ensure(r.subject_id());
    uint32_t o = v.Ensure(r.object_id());
    art.relations.push_back({s, o, r.type(), r.role()});
  }
  v.newest = std::max(v.newest, art.published);
  v.AddContributions(a);

  v1::ViewChange change;
  change.set_kind(v1::CHANGE_KIND_ARTICLE);
  std::set<uint32_t> touched;
  for (const auto& m : art.mentions) touched.insert(m.entity);
  for (const auto& r : art.relations) touched.insert({r.subject, r.object});
  std::vector<int> types;
  for (uint32_t e : touched) {
    change.add_entity_ids(v.entities[e].id);
    types.push_back(v.entities[e].type);
  }
  *change.mutable_link() = link;
  v.Log(std::move(change), std::move(types));
  return true;
}

bool ViewStore::ApplyCatalog(const v1::CatalogEntity& entity) {
  if (entity.id().empty()) return false;
  std::unique_lock lock(mu_);
  Impl& v = *impl_;
  uint32_t idx = v.Ensure(entity.id());
  Impl::Entity& e = v.entities[idx];
  if (entity.deleted()) {
    if (!e.profile) return false;
    if (e.ref_name.empty()) e.ref_name = e.profile->name();
    e.profile.reset();
    e.type = TypeFromId(e.id) != v1::ENTITY_TYPE_UNSPECIFIED ? TypeFromId(e.id) : e.type;
    v.Unindex(idx);
    if (e.Known()) v.Reindex(idx);
  } else {
    if (e.profile && google::protobuf::util::MessageDifferencer::Equals(*e.profile, entity)) return false;
    if (e.profile && !MayReplace(*e.profile, entity)) return false;
    e.profile = std::make_unique<v1::CatalogEntity>(entity);
    if (entity.type() != v1::ENTITY_TYPE_UNSPECIFIED) e.type = entity.type();
    v.Reindex(idx);
  }
  v1::ViewChange change;
  change.set_kind(v1::CHANGE_KIND_ENTITY);
  change.add_entity_ids(entity.id());
  *change.mutable_entity() = entity;
  v.Log(std::move(change), {e.type});
  return true;
}

// ---------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------

absl::StatusOr<v1::EntityView> ViewStore::GetEntity(const v1::GetEntityRequest& request) const {
  if (auto s = RequireEntityId(request.entity_id()); !s.ok()) return s;
  std::shared_lock lock(mu_);
  const Impl& v = *impl_;
  const Impl::Entity* e = v.Find(request.entity_id());
  if (e == nullptr) return NotFound(request.entity_id());
  uint32_t idx = v.entity_index.at(e->id);
  v1::EntityView view;
  *view.mutable_profile() = v.Profile(*e);
  // The newest delta per (metric, segment, basis).
  std::map<std::tuple<int, std::string_view, int>, const v1::MetricDelta*> latest;
  for (const auto& [key, d] : e->deltas) {
    auto& slot = latest[{d.metric(), d.segment(), d.basis()}];
    if (slot == nullptr || NewerDelta(d, *slot)) slot = &d;
  }
  for (const auto& [key, d] : latest) *view.add_latest_deltas() = *d;
  *view.mutable_mentions() = v.Counts(*e);
  for (size_t i = 0; i < e->articles.size() && i < 10; ++i) *view.add_recent_articles() = v.Summary(idx, e->articles[i]);
  size_t total = 0;
  for (auto& l : v.Links(idx, 1, {}, v1::ENTITY_TYPE_UNSPECIFIED, 0, 20, &total)) *view.add_links() = std::move(l);
  return view;
}

absl::StatusOr<v1::SearchEntitiesResponse> ViewStore::SearchEntities(const v1::SearchEntitiesRequest& request) const {
  std::string q = Normalize(request.query());
  if (request.query().empty()) return absl::InvalidArgumentError("query: required (a name, alias, prefix or ticker)");
  if (q.empty()) return absl::InvalidArgumentError("query: must contain a letter or a digit");
  auto size = PageSize(request.page_size(), 20, 100);
  if (!size.ok()) return size.status();
  uint64_t fp = RequestFingerprint({q, std::to_string(request.type())});
  auto offset = DecodeOffsetToken(request.page_token(), "search", fp);
  if (!offset.ok()) return offset.status();

  std::shared_lock lock(mu_);
  const Impl& v = *impl_;
  std::unordered_map<uint32_t, int> rank;
  for (auto it = v.search.lower_bound(q); it != v.search.end() && it->first.compare(0, q.size(), q) == 0; ++it) {
    const bool exact = it->first.size() == q.size();
    for (const auto& [idx, kind] : it->second) {
      int r = (exact ? 0 : 3) + static_cast<int>(kind);
      auto [slot, inserted] = rank.try_emplace(idx, r);
      if (!inserted) slot->second = std::min(slot->second, r);
    }
  }
  std::vector<std::pair<int, uint32_t>> hits;
  for (const auto& [idx, r] : rank) {
    const auto& e = v.entities[idx];
    if (!e.Known()) continue;
    if (request.type() != v1::ENTITY_TYPE_UNSPECIFIED && e.type != request.type()) continue;
    hits.emplace_back(r, idx);
  }
  // Best match first; among equals, the entity the stream mentions most.
  std::sort(hits.begin(), hits.end(), [&](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    const auto& x = v.entities[a.second];
    const auto& y = v.entities[b.second];
    if (x.articles.size() != y.articles.size()) return x.articles.size() > y.articles.size();
    return x.id < y.id;
  });
  v1::SearchEntitiesResponse response;
  size_t end = std::min(hits.size(), static_cast<size_t>(*offset) + *size);
  for (size_t i = *offset; i < end; ++i) *response.add_entities() = v.Profile(v.entities[hits[i].second]);
  if (end < hits.size()) response.set_next_page_token(EncodePageToken("search", fp, std::to_string(end)));
  return response;
}

absl::StatusOr<v1::GetMetricHistoryResponse> ViewStore::GetMetricHistory(
    const v1::GetMetricHistoryRequest& request) const {
  if (auto s = RequireEntityId(request.entity_id()); !s.ok()) return s;
  if (request.metric() == v1::METRIC_KIND_UNSPECIFIED) {
    return absl::InvalidArgumentError("metric: required, e.g. METRIC_KIND_NET_INCOME");
  }
  auto size = PageSize(request.page_size(), 50, 500);
  if (!size.ok()) return size.status();
  uint64_t fp = RequestFingerprint({request.entity_id(), std::to_string(request.metric()),
                                    std::to_string(request.period_kind()), request.segment()});
  auto offset = DecodeOffsetToken(request.page_token(), "history", fp);
  if (!offset.ok()) return offset.status();

  std::shared_lock lock(mu_);
  const Impl& v = *impl_;
  const Impl::Entity* e = v.Find(request.entity_id());
  if (e == nullptr) return NotFound(request.entity_id());
  std::vector<const v1::MetricDelta*> rows;
  for (const auto& [key, d] : e->deltas) {
    if (d.metric() != request.metric() || d.segment() != request.segment()) continue;
    if (request.period_kind() != v1::PERIOD_KIND_UNSPECIFIED && d.period().kind() != request.period_kind()) continue;
    rows.push_back(&d);
  }
  std::sort(rows.begin(), rows.end(), [](const auto* a, const auto* b) { return NewerDelta(*a, *b); });
  v1::GetMetricHistoryResponse response;
  size_t end = std::min(rows.size(), static_cast<size_t>(*offset) + *size);
  for (size_t i = *offset; i < end; ++i) *response.add_deltas() = *rows[i];
  if (end < rows.size()) response.set_next_page_token(EncodePageToken("history", fp, std::to_string(end)));
  return response;
}

absl::StatusOr<v1::GetLinksResponse> ViewStore::GetLinks(const v1::GetLinksRequest& request) const {
  if (auto s = RequireEntityId(request.entity_id()); !s.ok()) return s;
  int depth = request.depth() == 0 ? 1 : request.depth();
  if (depth < 1 || depth > 2) {
    return absl::InvalidArgumentError(absl::StrCat("depth: must be 1 or 2 (0 for 1), got ", request.depth()));
  }
  auto size = PageSize(request.page_size(), 50, 200);
  if (!size.ok()) return size.status();
  std::set<int> relation_types;
  std::string types_key;
  for (int i = 0; i < request.relation_types_size(); ++i) {
    int t = request.relation_types(i);
    if (t == v1::RELATION_TYPE_UNSPECIFIED || !v1::RelationType_IsValid(t)) {
      return absl::InvalidArgumentError(absl::StrCat("relation_types[", i, "]: not a relation type: ", t));
    }
    relation_types.insert(t);
  }
  for (int t : relation_types) absl::StrAppend(&types_key, t, ",");
  uint64_t fp = RequestFingerprint(
      {request.entity_id(), std::to_string(depth), types_key, std::to_string(request.entity_type())});
  auto offset = DecodeOffsetToken(request.page_token(), "links", fp);
  if (!offset.ok()) return offset.status();

  std::shared_lock lock(mu_);
  const Impl& v = *impl_;
  const Impl::Entity* e = v.Find(request.entity_id());
  if (e == nullptr) return NotFound(request.entity_id());
  size_t total = 0;
  auto links = v.Links(v.entity_index.at(e->id), depth, relation_types, request.entity_type(),
                       static_cast<size_t>(*offset), static_cast<size_t>(*size), &total);
  v1::GetLinksResponse response;
  for (auto& l : links) *response.add_links() = std::move(l);
  size_t end = static_cast<size_t>(*offset) + links.size();
  if (end < total) response.set_next_page_token(EncodePageToken("links", fp, std::to_string(end)));
  return response;
}

absl::StatusOr<v1::TopMoversResponse> ViewStore::TopMovers(const v1::TopMoversRequest& request) const {
  if (request.metric() == v1::METRIC_KIND_UNSPECIFIED) {
    return absl::InvalidArgumentError("metric: required, e.g. METRIC_KIND_REVENUE");
  }
  int basis = request.basis() == v1::COMPARISON_BASIS_UNSPECIFIED ? v1::COMPARISON_BASIS_YEAR_OVER_YEAR
                                                                  : request.basis();
  auto size = PageSize(request.page_size(), 10, 100);
  if (!size.ok()) return size.status();
  uint64_t fp = RequestFingerprint({std::to_string(request.metric()), std::to_string(basis),
                                    std::to_string(request.period_kind()), request.by_absolute_change() ? "a" : "p"});
  auto offset = DecodeOffsetToken(request.page_token(), "movers", fp);
  if (!offset.ok()) return offset.status();

  std::shared_lock lock(mu_);
  const Impl& v = *impl_;
  const std::string cache_key = std::to_string(fp);
  std::shared_ptr<const Impl::Ranking> ranking;
  {
    std::lock_guard cache_lock(v.rankings_mu);
    auto it = v.rankings.find(cache_key);
    if (it != v.rankings.end() && it->second->generation == v.delta_generation) ranking = it->second;
  }
  if (!ranking) {
    std::vector<std::pair<long double, const v1::MetricDelta*>> rows;
    auto it = v.metric_entities.find(request.metric());
    if (it != v.metric_entities.end()) {
      std::vector<const v1::MetricDelta*> latest;
      for (uint32_t idx : it->second) {
        v.LatestPerSegment(v.entities[idx], request.metric(), basis, request.period_kind(), &latest);
      }
      for (const auto* d : latest) {
        if (request.by_absolute_change()) {
          rows.emplace_back(std::fabs(AmountValue(d->absolute_change())), d);
        } else if (d->percent_status() == v1::PERCENT_CHANGE_STATUS_OK) {
          // Deltas without a meaningful percentage (prior zero, sign change)
          // cannot be ranked by it; they rank by absolute change only.
          rows.emplace_back(std::fabs(AmountValue(d->percent_change())), d);
        }
      }
    }
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
      if (a.first != b.first) return a.first > b.first;
      if (a.second->entity().id() != b.second->entity().id()) return a.second->entity().id() < b.second->entity().id();
      return a.second->segment() < b.second->segment();
    });
    auto fresh = std::make_shared<Impl::Ranking>();
    fresh->generation = v.delta_generation;
    for (const auto& r : rows) fresh->rows.push_back(r.second);
    ranking = fresh;
    std::lock_guard cache_lock(v.rankings_mu);
    v.rankings[cache_key] = ranking;
  }
  const auto& ranked = ranking->rows;
  v1::TopMoversResponse response;
  size_t end = std::min(ranked.size(), static_cast<size_t>(*offset) + *size);
  for (size_t i = *offset; i < end; ++i) *response.add_deltas() = *ranked[i];
  if (end < ranked.size()) response.set_next_page_token(EncodePageToken("movers", fp, std::to_string(end)));
  return response;
}

absl::StatusOr<v1::ListArticlesResponse> ViewStore::ListArticles(const v1::ListArticlesRequest& request) const {
  if (auto s = RequireEntityId(request.entity_id()); !s.ok()) return s;
  auto size = PageSize(request.page_size(), 20, 100);
  if (!size.ok()) return size.status();
  uint64_t fp = RequestFingerprint({request.entity_id()});
  auto cursor = DecodePageToken(request.page_token(), "articles", fp);
  if (!cursor.ok()) return cursor.status();
  // The cursor is the last article returned, "<published micros>:<article id>",
  // so pages stay stable while newer articles arrive at the head.
  Micros after_published = 0;
  std::string after_id;
  if (!cursor->empty()) {
    auto colon = cursor->find(':');
    auto bad = absl::InvalidArgumentError("page_token: not a page token");
    if (colon == std::string::npos) return bad;
    try {
      size_t used = 0;
      after_published = std::stoll(cursor->substr(0, colon), &used);
      if (used != colon) return bad;
    } catch (const std::exception&) {
      return bad;
    }
    after_id = cursor->substr(colon + 1);
  }

  std::shared_lock lock(mu_);
  const Impl& v = *impl_;
  const Impl::Entity* e = v.Find(request.entity_id());
  if (e == nullptr) return NotFound(request.entity_id());
  uint32_t idx = v.entity_index.at(e->id);
  size_t start = 0;
  if (!cursor->empty()) {
    auto older = [&](const Impl::ArticleRef& r) {
      const auto& a = v.articles[r.article];
      return a.published != after_published ? a.published < after_published : a.id < after_id;
    };
    start = std::find_if(e->articles.begin(), e->articles.end(), older) - e->articles.begin();
  }
  v1::ListArticlesResponse response;
  size_t end = std::min(e->articles.size(), start + *size);
  for (size_t i = start; i < end; ++i) *response.add_articles() = v.Summary(idx, e->articles[i]);
  if (end < e->articles.size()) {
    const auto& last = v.articles[e->articles[end - 1].article];
    response.set_next_page_token(EncodePageToken("articles", fp, absl::StrCat(last.published, ":", last.id)));
  }
  return response;
}

// ---------------------------------------------------------------------------
// Change feed and stats
// ---------------------------------------------------------------------------

int64_t ViewStore::LastSequence() const {
  std::shared_lock lock(mu_);
  return impl_->sequence;
}

absl::StatusOr<int64_t> ViewStore::ChangesAfter(int64_t after, const WatchFilter& filter, size_t max,
                                                std::vector<v1::ViewChange>* out) const {
  std::shared_lock lock(mu_);
  const Impl& v = *impl_;
  if (after >= v.sequence) return after;
  int64_t first = v.log.empty() ? v.sequence + 1 : v.log.front().change.sequence();
  if (after < first - 1) {
    return absl::OutOfRangeError(absl::StrCat("after_sequence: changes after ", after, " are no longer kept (oldest is ",
                                              first, "); rebuild from the query API and resume from ", v.sequence));
  }
  int64_t scanned = after;
  for (size_t i = static_cast<size_t>(after - (first - 1)); i < v.log.size() && out->size() < max; ++i) {
    const auto& c = v.log[i];
    scanned = c.change.sequence();
    if (Impl::Matches(c, filter)) out->push_back(c.change);
  }
  return scanned;
}

ViewStats ViewStore::Stats() const {
  std::shared_lock lock(mu_);
  const Impl& v = *impl_;
  ViewStats s;
  s.articles = v.articles.size();
  s.deltas = v.delta_count;
  s.links = v.edge_count / 2;
  s.sequence = v.sequence;
  size_t bytes = v.entities.capacity() * sizeof(Impl::Entity) + v.articles.capacity() * sizeof(Impl::Article);
  bytes += v.entity_index.size() * (sizeof(std::pair<std::string, uint32_t>) + 16) +
           v.article_index.size() * (sizeof(std::pair<std::string, uint32_t>) + 16);
  for (const auto& e : v.entities) {
    if (!e.Known()) continue;
    ++s.entities;
    if (e.profile) {
      ++s.catalog_entities;
      bytes += e.profile->SpaceUsedLong();
    }
    bytes += e.id.capacity() + e.ref_name.capacity();
    for (const auto& [key, d] : e.deltas) bytes += key.capacity() + d.SpaceUsedLong() + 48;
    bytes += e.articles.capacity() * sizeof(Impl::ArticleRef);
    bytes += e.edges.bucket_count() * sizeof(void*);
    for (const auto& [to, edge] : e.edges) {
      bytes += 48 + edge.articles.capacity() * sizeof(uint32_t) + edge.relations.capacity() * sizeof(Impl::RelationFact);
    }
    for (const auto& k : e.search_keys) bytes += k.capacity() + sizeof(std::string);
  }
  for (const auto& a : v.articles) {
    bytes += a.id.capacity() + a.title.capacity() + a.link_id.capacity() +
             a.mentions.capacity() * sizeof(Impl::Mention) + a.relations.capacity() * sizeof(Impl::Relation);
  }
  for (const auto& [key, list] : v.search) bytes += 64 + key.capacity() + list.capacity() * 8;
  for (const auto& c : v.log) bytes += c.change.SpaceUsedLong();
  s.approx_bytes = bytes;
  return s;
}

std::vector<std::string> ViewStore::BusiestEntities(size_t max) const {
  std::shared_lock lock(mu_);
  const Impl& v = *impl_;
  std::vector<const Impl::Entity*> all;
  for (const auto& e : v.entities) {
    if (!e.deltas.empty() || !e.articles.empty()) all.push_back(&e);
  }
  // Entities the news talks about, with links and figures, first.
  auto score = [](const Impl::Entity* e) { return e->articles.size() * 4 + e->edges.size() + e->deltas.size(); };
  std::sort(all.begin(), all.end(), [&](const auto* a, const auto* b) {
    if (score(a) != score(b)) return score(a) > score(b);
    return a->id < b->id;
  });
  std::vector<std::string> ids;
  for (size_t i = 0; i < all.size() && i < max; ++i) ids.push_back(all[i]->id);
  return ids;
}

}  // namespace streamlens::view
