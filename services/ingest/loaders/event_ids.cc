#include "services/ingest/loaders/event_ids.h"

#include "services/common/ids.h"

namespace streamlens::loaders {

std::string DerivedNewsId(const v1::NewsEvent& news) {
  return StableId("news", {news.source(), news.title(), news.body()});
}

std::string DerivedEarningsId(const v1::EarningsEvent& e) {
  const auto& p = e.period();
  return StableId("earnings", {e.entity().id(), e.source_article_id(), std::to_string(p.kind()),
                               std::to_string(p.fiscal_year()), std::to_string(p.fiscal_quarter()), p.end_date(),
                               p.label()});
}

}  // namespace streamlens::loaders
