// ProseFigures: metric statements read from news text ("net income fell 77% to
// $1.51 billion"), returned as earnings reports so the delta logic applies to
// them. Pure logic: no Kafka.
//
// INTERFACE OWNED BY THE WORKER (services/worker/worker.cc calls it).
#pragma once

#include <vector>

#include "streamlens/v1/events.pb.h"

namespace streamlens::deltas {

// Reads the figures stated in `article`, attributing them to the company the
// article is about (taken from `links`, the entities the linker found in it).
// Returns one EarningsEvent per (entity, period), with source "prose",
// `source_article_id` set and a deterministic id; empty when the article
// states no figures.
std::vector<v1::EarningsEvent> ExtractProseFigures(const v1::NewsEvent& article, const v1::EntityLink& links);

}  // namespace streamlens::deltas
