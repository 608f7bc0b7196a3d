// Ids derived from content, for events that arrive without one: the same
// content gives the same id in every process and run, so a re-sent event is
// recognised downstream. Shared by the loaders and the ingest validation so
// both derive the same id. Pure. Thread-safe.
#pragma once

#include <string>

#include "streamlens/v1/events.pb.h"

namespace streamlens::loaders {

// "news-<hash of source, title, body>".
std::string DerivedNewsId(const v1::NewsEvent& news);

// "earnings-<hash of entity id, source article id and period>".
std::string DerivedEarningsId(const v1::EarningsEvent& earnings);

}  // namespace streamlens::loaders
