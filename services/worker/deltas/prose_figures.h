// ProseFigures: metric statements read from news text ("net income fell 77% to
// $1.51 billion"), returned as earnings reports so the delta logic applies to
// them. Pure logic: no Kafka.
//
// INTERFACE OWNED BY THE WORKER (services/worker/worker.cc calls it).
//
// What is read, clause by clause (a clause is a sentence or a part of one cut
// at ";" or "while"/"whereas"):
//  - a metric named in the clause (revenue/sales, net income/profit, net loss,
//    EBITA/EBITDA/"earnings before ...", operating income, EPS);
//  - its value: an amount of money introduced by "to", "of", "at", "was",
//    "totaled", "reached" ... ("rose 44% to $4.02 billion", "a loss of $433
//    million"); "$", "US$", "HK$", "€", "£", "RMB", "dlrs", "mln", "billion",
//    "cents" and "per share" are understood; a loss is negative;
//  - optionally a stated change: a percentage next to a direction word ("rose
//    44%", "a 77% drop"), signed by it; and a prior introduced by "from";
//  - the basis: year over year unless the clause says quarter over quarter or
//    sequential(ly);
//  - the period ("fiscal third quarter ended Dec. 31", "Q3", "first half",
//    "fiscal 2024"): the clause's, else the sentence's, else the last one the
//    article named before, else the first one it names;
//  - the segment: a "division", "segment", "unit", "group" or "business"
//    named with "its"/"the"/a possessive, without the company's own name
//    ("its international division's sales"); within one article a shorter
//    segment name that is part of a longer one is read as the longer one.
// A clause with no metric word or no such value states no figure.
//
// The entity is the most salient COMPANY among `links.mentions`; without one
// the article yields nothing. Reuters `earn` reports are skipped: their tables
// are read by the feed loader, and reading them twice would double the deltas.
// Thread-safe (no shared state).
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
