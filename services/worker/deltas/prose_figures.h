// ProseFigures: metric statements read from news text ("net income fell 77% to
// $1.51 billion"), returned as earnings reports so the delta logic applies to
// them. Pure logic: no Kafka.
//
// INTERFACE OWNED BY THE WORKER (services/worker/worker.cc calls it).
//
// What is read, clause by clause (a clause is a sentence or a part of one cut
// at ";", "while", "whereas" or ", with"):
//  - a metric phrase (revenue/sales/turnover, net income/profit/earnings, net
//    loss, EBITA/EBITDA/"earnings before ...", operating income or loss, EPS;
//    a bare "loss"/"profit" only when no other metric is named) that owns an
//    amount: "<metric> rose 15 pct to X", "a 44% rise to X in <metric>", "a 77%
//    drop in <metric> to X", "<metric> of X", "<metric> was X", "a loss of X";
//    "$", "US$", "HK$", "€", "£", "RMB", "dlrs", "mln", "billion", "cents" and
//    "per share" are understood, a loss is negative, prices ("a barrel") are not
//    amounts;
//  - a stated change (a percentage next to a direction word, signed by it)
//    and/or a prior (an amount after "from", "compared with/to", "versus",
//    "against", or said to be "a year ago"; not one that belongs to another
//    metric, "up from earnings of ..."). A figure with neither is NOT read: a
//    bare amount in a news story is too often another company's or period's;
//  - the basis: year over year unless the clause says quarter over quarter,
//    sequential(ly) or "previous quarter";
//  - the period ("fiscal third quarter ended Dec. 31", "Q3", "first half",
//    "nine months", "fiscal 2024", "in 1986"): the clause's, else the
//    sentence's (never one named with the prior), else the previous sentence's.
//    A figure without one is not read;
//  - the segment: a "division", "segment", "unit", "group", "business" or "arm"
//    named with "its"/"the"/"the company's" or a possessive, without the
//    company's own name ("its international division's sales"); within one
//    article a shorter segment name that is part of a longer one is read as
//    the longer one.
// Not read: forecasts ("expects", "will", "projects" ...), weekly, monthly and
// year-to-date figures, pretax/extraordinary/gross figures, another company's
// figures ("Demarkus' sales", a sentence naming another company the linker
// found and not this one, or opening with another business's name).
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
