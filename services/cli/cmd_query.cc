// `streamlens query ...`: asks a running query service (QueryService over
// gRPC) and prints the answer for people, or as NDJSON with --json.
//
//   streamlens query entity ID
//   streamlens query search TEXT
//   streamlens query movers METRIC
//   streamlens query links ID
//   streamlens query articles ID
//   streamlens query history ID METRIC
//   streamlens query watch
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <iostream>

#include <google/protobuf/util/time_util.h>

#include "services/cli/commands.h"
#include "services/common/config.h"
#include "services/common/json.h"
#include "services/query/format.h"
#include "streamlens/v1/query.grpc.pb.h"

namespace streamlens::cli {
namespace {

using google::protobuf::util::TimeUtil;

const char* const kUsage =
    "usage: streamlens query COMMAND [ARGS] [options]\n\n"
    "commands:\n"
    "  entity ID             one entity's view: profile, latest deltas, articles, links\n"
    "  search TEXT           entities by name, alias, prefix or ticker\n"
    "  movers METRIC         largest deltas for a metric (revenue, net-income, eps, ...)\n"
    "  links ID              the entity's neighbours (--depth 2, --relation owns, --type person)\n"
    "  articles ID           articles that mention the entity, newest first\n"
    "  history ID METRIC     every delta of one metric, newest period first\n"
    "  watch                 stream view changes (--entity, --metric, --type, --after)\n\n"
    "IDs look like company:baba, person:joe-tsai, place:usa.\n\n";

std::vector<Option> Flags() {
  return {
      {"target", "localhost:50052", "query service address, host:port (also STREAMLENS_QUERY_TARGET)"},
      {"json", "false", "print NDJSON (one JSON object per line) instead of text", OptionType::kBool},
      {"deadline", "10s", "give up after this long", OptionType::kDurationMs},
      {"limit", "0", "page size (0: the service's default)", OptionType::kInt},
      {"page-token", "", "continue a listing from a previous next_page_token"},
      {"after", "",
       "read your writes: comma-separated topic/partition@offset positions (as ingest prints them) to wait for"},
      {"type", "", "entity type filter: company, person, place, organisation, exchange, brand"},
      {"depth", "1", "links: 1 or 2", OptionType::kInt},
      {"relation", "", "links: comma-separated relation types (owns, executive-of, investor-in, ...)"},
      {"basis", "", "movers: yoy (default) or qoq"},
      {"period", "", "movers, history: quarter, half, nine-months or year"},
      {"by-absolute", "false", "movers: rank by absolute rather than percentage change", OptionType::kBool},
      {"segment", "", "history: business segment (empty: group-wide)"},
      {"entity", "", "watch: comma-separated entity ids"},
      {"metric", "", "watch: comma-separated metrics"},
      {"after-sequence", "0", "watch: resume after this sequence number", OptionType::kInt},
      {"count", "0", "watch: exit after this many changes (0: run until Ctrl-C)", OptionType::kInt},
      {"help", "false", "show this help", OptionType::kBool},
  };
}

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    if (comma > start) out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

// Parses an enum value by its short name ("net-income") or full proto name
// ("METRIC_KIND_NET_INCOME"), with a few common abbreviations.
template <typename Enum>
absl::StatusOr<Enum> ParseEnum(const google::protobuf::EnumDescriptor* descriptor, const std::string& prefix,
                               std::string text, const std::string& what) {
  static const std::map<std::string, std::string> kShort = {
      {"YOY", "YEAR_OVER_YEAR"}, {"QOQ", "QUARTER_OVER_QUARTER"}, {"NET", "NET_INCOME"},
      {"SALES", "REVENUE"},      {"ORG", "ORGANISATION"},         {"ORGANIZATION", "ORGANISATION"},
      {"QTR", "QUARTER"}};
  std::string upper;
  for (char c : text) upper.push_back(c == '-' || c == ' ' ? '_' : static_cast<char>(std::toupper(c)));
  if (auto it = kShort.find(upper); it != kShort.end()) upper = it->second;
  if (upper.rfind(prefix, 0) != 0) upper = prefix + upper;
  const auto* value = descriptor->FindValueByName(upper);
  if (value == nullptr || value->number() == 0) {
    std::string valid;
    for (int i = 1; i < descriptor->value_count(); ++i) {
      std::string name = descriptor->value(i)->name().substr(prefix.size());
      std::transform(name.begin(), name.end(), name.begin(), [](char c) { return c == '_' ? '-' : std::tolower(c); });
      valid += (i > 1 ? ", " : "") + name;
    }
    return absl::InvalidArgumentError(what + ": unknown value \"" + text + "\"; one of: " + valid);
  }
  return static_cast<Enum>(value->number());
}

absl::StatusOr<v1::MetricKind> ParseMetric(const std::string& s) {
  return ParseEnum<v1::MetricKind>(v1::MetricKind_descriptor(), "METRIC_KIND_", s, "metric");
}
absl::StatusOr<v1::EntityType> ParseType(const std::string& s) {
  return ParseEnum<v1::EntityType>(v1::EntityType_descriptor(), "ENTITY_TYPE_", s, "--type");
}

// "news.v1/3@120" -> Position.
absl::StatusOr<v1::Consistency> ParsePositions(const std::string& text) {
  v1::Consistency c;
  for (const auto& item : SplitList(text)) {
    size_t slash = item.rfind('/');
    size_t at = item.rfind('@');
    if (slash == std::string::npos || at == std::string::npos || at < slash) {
      return absl::InvalidArgumentError("--after: \"" + item + "\" is not topic/partition@offset (e.g. news.v1/3@120)");
    }
    auto* p = c.add_after();
    p->set_topic(item.substr(0, slash));
    try {
      p->set_partition(std::stoi(item.substr(slash + 1, at - slash - 1)));
      p->set_offset(std::stoll(item.substr(at + 1)));
    } catch (const std::exception&) {
      return absl::InvalidArgumentError("--after: \"" + item + "\" is not topic/partition@offset");
    }
  }
  return c;
}

std::string Date(const google::protobuf::Timestamp& t) {
  std::string s = TimeUtil::ToString(t);
  return s.substr(0, std::min<size_t>(s.size(), 16)).replace(10, 1, " ");
}

void PrintEntity(const v1::EntityView& e) {
  const auto& p = e.profile();
  std::cout << p.name() << " [" << p.id() << "] " << query::EntityTypeName(p.type()) << "\n";
  for (const auto& c : p.codes()) std::cout << "  " << c.scheme() << ": " << c.value() << "\n";
  if (p.aliases_size() > 0) {
    std::cout << "  also known as: ";
    for (int i = 0; i < p.aliases_size(); ++i) std::cout << (i ? ", " : "") << p.aliases(i);
    std::cout << "\n";
  }
  for (const auto& [k, v] : std::map<std::string, std::string>(p.attributes().begin(), p.attributes().end())) {
    std::cout << "  " << k << ": " << v << "\n";
  }
  std::cout << "deltas:" << (e.latest_deltas().empty() ? " none\n" : "\n");
  for (const auto& d : e.latest_deltas()) std::cout << "  " << query::FormatDelta(d) << "\n";
  std::cout << "articles: " << e.mentions().total() << " (last 24 h: " << e.mentions().last_24h()
            << ", last 7 days: " << e.mentions().last_7d() << ")\n";
  for (const auto& a : e.recent_articles()) {
    std::cout << "  " << Date(a.published_at()) << "  " << a.title() << (a.novel() ? "  [new link]" : "") << "\n";
  }
  std::cout << "linked to:" << (e.links().empty() ? " nothing yet\n" : "\n");
  for (const auto& l : e.links()) std::cout << "  " << query::FormatLink(l, p.name()) << "\n";
}

int Fail(const grpc::Status& s) {
  static const char* const kNames[] = {"OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED",
                                       "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED",
                                       "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED",
                                       "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED"};
  int code = static_cast<int>(s.error_code());
  std::cerr << "streamlens query: " << (code >= 0 && code < 17 ? kNames[code] : "ERROR") << ": " << s.error_message()
            << "\n";
  return 1;
}

void PrintNextPage(const std::string& token, bool json) {
  if (!token.empty() && !json) std::cout << "more: --page-token=" << token << "\n";
}

}  // namespace

int RunQuery(const Args& args) {
  auto flags = Flags();
  auto config = Config::Load(flags, args);
  auto usage = [&] { return std::string(kUsage) + Config::Usage(flags); };
  if (!config.ok()) {
    std::cerr << "streamlens query: " << config.status().message() << "\n\n" << usage();
    return 2;
  }
  const auto& pos = config->positional();
  if (config->GetBool("help") || pos.empty()) {
    (config->GetBool("help") ? std::cout : std::cerr) << usage();
    return config->GetBool("help") ? 0 : 2;
  }
  const std::string& command = pos[0];
  auto need = [&](size_t n, const char* what) {
    if (pos.size() >= n + 1) return true;
    std::cerr << "streamlens query " << command << ": missing " << what << "\n\n" << usage();
    return false;
  };
  const bool json = config->GetBool("json");
  const int limit = static_cast<int>(config->GetInt("limit"));
  v1::Consistency consistency;
  if (!config->Get("after").empty()) {
    auto c = ParsePositions(config->Get("after"));
    if (!c.ok()) {
      std::cerr << "streamlens query: " << c.status().message() << "\n";
      return 2;
    }
    consistency = *c;
  }
  v1::EntityType type = v1::ENTITY_TYPE_UNSPECIFIED;
  if (!config->Get("type").empty()) {
    auto t = ParseType(config->Get("type"));
    if (!t.ok()) {
      std::cerr << "streamlens query: " << t.status().message() << "\n";
      return 2;
    }
    type = *t;
  }
  v1::PeriodKind period = v1::PERIOD_KIND_UNSPECIFIED;
  if (!config->Get("period").empty()) {
    auto p = ParseEnum<v1::PeriodKind>(v1::PeriodKind_descriptor(), "PERIOD_KIND_", config->Get("period"), "--period");
    if (!p.ok()) {
      std::cerr << "streamlens query: " << p.status().message() << "\n";
      return 2;
    }
    period = *p;
  }

  // The flag, else STREAMLENS_QUERY_TARGET (the name other tools use), else
  // STREAMLENS_TARGET, else the default.
  std::string target = config->Get("target");
  if (const char* env = std::getenv("STREAMLENS_QUERY_TARGET"); env != nullptr && !config->IsSet("target")) target = env;
  auto channel = grpc::CreateChannel(target, grpc::InsecureChannelCredentials());
  auto stub = v1::QueryService::NewStub(channel);
  grpc::ClientContext context;
  if (command != "watch") context.set_deadline(std::chrono::system_clock::now() + config->GetDuration("deadline"));

  if (command == "entity") {
    if (!need(1, "ID")) return 2;
    v1::GetEntityRequest r;
    r.set_entity_id(pos[1]);
    *r.mutable_consistency() = consistency;
    v1::EntityView view;
    auto s = stub->GetEntity(&context, r, &view);
    if (!s.ok()) return Fail(s);
    if (json) {
      std::cout << ToJsonLine(view) << "\n";
    } else {
      PrintEntity(view);
    }
    return 0;
  }
  if (command == "search") {
    if (!need(1, "TEXT")) return 2;
    v1::SearchEntitiesRequest r;
    std::string text;
    for (size_t i = 1; i < pos.size(); ++i) text += (i > 1 ? " " : "") + pos[i];
    r.set_query(text);
    r.set_type(type);
    r.set_page_size(limit);
    r.set_page_token(config->Get("page-token"));
    v1::SearchEntitiesResponse resp;
    auto s = stub->SearchEntities(&context, r, &resp);
    if (!s.ok()) return Fail(s);
    for (const auto& e : resp.entities()) {
      if (json) {
        std::cout << ToJsonLine(e) << "\n";
      } else {
        std::cout << e.id() << "  " << e.name() << "  (" << query::EntityTypeName(e.type()) << ")\n";
      }
    }
    if (resp.entities().empty() && !json) std::cout << "no entity matches \"" << text << "\"\n";
    PrintNextPage(resp.next_page_token(), json);
    return 0;
  }
  if (command == "movers" || command == "history") {
    size_t metric_at = command == "movers" ? 1 : 2;
    if (!need(metric_at, command == "movers" ? "METRIC" : "ID and METRIC")) return 2;
    auto metric = ParseMetric(pos[metric_at]);
    if (!metric.ok()) {
      std::cerr << "streamlens query: " << metric.status().message() << "\n";
      return 2;
    }
    google::protobuf::RepeatedPtrField<v1::MetricDelta> deltas;
    std::string next;
    grpc::Status s;
    if (command == "movers") {
      v1::TopMoversRequest r;
      r.set_metric(*metric);
      if (!config->Get("basis").empty()) {
        auto b = ParseEnum<v1::ComparisonBasis>(v1::ComparisonBasis_descriptor(), "COMPARISON_BASIS_",
                                                config->Get("basis"), "--basis");
        if (!b.ok()) {
          std::cerr << "streamlens query: " << b.status().message() << "\n";
          return 2;
        }
        r.set_basis(*b);
      }
      r.set_period_kind(period);
      r.set_by_absolute_change(config->GetBool("by-absolute"));
      r.set_page_size(limit);
      r.set_page_token(config->Get("page-token"));
      v1::TopMoversResponse resp;
      s = stub->TopMovers(&context, r, &resp);
      deltas = resp.deltas();
      next = resp.next_page_token();
    } else {
      v1::GetMetricHistoryRequest r;
      r.set_entity_id(pos[1]);
      r.set_metric(*metric);
      r.set_period_kind(period);
      r.set_segment(config->Get("segment"));
      r.set_page_size(limit);
      r.set_page_token(config->Get("page-token"));
      *r.mutable_consistency() = consistency;
      v1::GetMetricHistoryResponse resp;
      s = stub->GetMetricHistory(&context, r, &resp);
      deltas = resp.deltas();
      next = resp.next_page_token();
    }
    if (!s.ok()) return Fail(s);
    for (const auto& d : deltas) {
      if (json) {
        std::cout << ToJsonLine(d) << "\n";
      } else {
        std::cout << (command == "movers" ? d.entity().name() + " [" + d.entity().id() + "]  " : std::string())
                  << query::FormatDelta(d) << "\n";
      }
    }
    if (deltas.empty() && !json) std::cout << "no deltas\n";
    PrintNextPage(next, json);
    return 0;
  }
  if (command == "links") {
    if (!need(1, "ID")) return 2;
    v1::GetLinksRequest r;
    r.set_entity_id(pos[1]);
    r.set_depth(static_cast<int32_t>(config->GetInt("depth")));
    for (const auto& rel : SplitList(config->Get("relation"))) {
      auto t = ParseEnum<v1::RelationType>(v1::RelationType_descriptor(), "RELATION_TYPE_", rel, "--relation");
      if (!t.ok()) {
        std::cerr << "streamlens query: " << t.status().message() << "\n";
        return 2;
      }
      r.add_relation_types(*t);
    }
    r.set_entity_type(type);
    r.set_page_size(limit);
    r.set_page_token(config->Get("page-token"));
    *r.mutable_consistency() = consistency;
    v1::GetLinksResponse resp;
    auto s = stub->GetLinks(&context, r, &resp);
    if (!s.ok()) return Fail(s);
    for (const auto& l : resp.links()) {
      if (json) {
        std::cout << ToJsonLine(l) << "\n";
      } else {
        std::cout << l.entity().id() << "  " << query::FormatLink(l, pos[1]) << "  last seen " << Date(l.last_seen()) << "\n";
      }
    }
    if (resp.links().empty() && !json) std::cout << "no links\n";
    PrintNextPage(resp.next_page_token(), json);
    return 0;
  }
  if (command == "articles") {
    if (!need(1, "ID")) return 2;
    v1::ListArticlesRequest r;
    r.set_entity_id(pos[1]);
    r.set_page_size(limit);
    r.set_page_token(config->Get("page-token"));
    *r.mutable_consistency() = consistency;
    v1::ListArticlesResponse resp;
    auto s = stub->ListArticles(&context, r, &resp);
    if (!s.ok()) return Fail(s);
    for (const auto& a : resp.articles()) {
      if (json) {
        std::cout << ToJsonLine(a) << "\n";
      } else {
        std::cout << Date(a.published_at()) << "  " << a.article_id() << "  " << a.title()
                  << (a.novel() ? "  [new link]" : "") << "\n";
      }
    }
    if (resp.articles().empty() && !json) std::cout << "no articles\n";
    PrintNextPage(resp.next_page_token(), json);
    return 0;
  }
  if (command == "watch") {
    v1::WatchRequest r;
    for (const auto& id : SplitList(config->Get("entity"))) r.add_entity_ids(id);
    for (const auto& m : SplitList(config->Get("metric"))) {
      auto metric = ParseMetric(m);
      if (!metric.ok()) {
        std::cerr << "streamlens query: " << metric.status().message() << "\n";
        return 2;
      }
      r.add_metrics(*metric);
    }
    if (type != v1::ENTITY_TYPE_UNSPECIFIED) r.add_entity_types(type);
    r.set_after_sequence(config->GetInt("after-sequence"));
    const int64_t count = config->GetInt("count");
    auto stream = stub->Watch(&context, r);
    v1::ViewChange change;
    int64_t seen = 0;
    while ((count == 0 || seen < count) && stream->Read(&change)) {
      ++seen;
      if (json) {
        std::cout << ToJsonLine(change) << std::endl;
        continue;
      }
      std::cout << "#" << change.sequence() << " ";
      switch (change.kind()) {
        case v1::CHANGE_KIND_DELTA:
          std::cout << change.delta().entity().name() << ": " << query::FormatDelta(change.delta());
          break;
        case v1::CHANGE_KIND_ARTICLE:
          std::cout << "article " << change.link().article_id() << " \"" << change.link().title() << "\" mentions "
                    << change.link().mentions_size() << " entities";
          break;
        case v1::CHANGE_KIND_ENTITY:
          std::cout << "catalog " << (change.entity().deleted() ? "deleted " : "updated ") << change.entity().id();
          break;
        default: std::cout << "change";
      }
      std::cout << std::endl;
    }
    if (count > 0 && seen >= count) {
      context.TryCancel();
      (void)stream->Finish();
      return 0;
    }
    auto s = stream->Finish();
    return s.ok() ? 0 : Fail(s);
  }
  std::cerr << "streamlens query: unknown command \"" << command << "\"\n\n" << usage();
  return 2;
}

}  // namespace streamlens::cli
