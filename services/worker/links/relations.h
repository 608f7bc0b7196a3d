// Typed relations stated in article text: "Alibaba Group chairman Joe Tsai"
// (EXECUTIVE_OF, role "chair"), "Alibaba owns ... Taobao and Tmall" (OWNS),
// "NBIM ..., which invested $4 billion ... in Alibaba" (INVESTOR_IN),
// "X agreed to acquire Y" (ACQUIRES), "interview with Nicolai Tangen"
// (INTERVIEWED). Read with cue words found by the same Hyperscan scan as the
// names, one sentence at a time, from the resolved mentions around each cue.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "services/worker/links/name_matcher.h"
#include "streamlens/v1/events.pb.h"

namespace streamlens::links {

// A resolved entity mention in the body: byte offsets and the entity's type.
struct BodyMention {
  int32_t entity;
  v1::EntityType type;
  uint32_t begin;
  uint32_t end;
  // Lower case, the word the news writes for a public body right before its
  // officers' roles: "treasury" ("Treasury Secretary James Baker") for the
  // U.S. Treasury, "agriculture" for the USDA. Empty for no such word.
  std::string_view head_word;
};

// A cue word found in the body; `cue` indexes RelationCues().
struct CueHit {
  int32_t cue;
  uint32_t begin;
  uint32_t end;
};

// The cue words to compile into the name matcher (ids index the cue table).
std::vector<Cue> RelationCues();

// Reads the relations of `text`. `mentions` sorted by begin; `in_title`: the
// entities the headline names (offsets unused), which a head word before a
// role may name too ("Treasury Secretary James Baker said" under "U.S.
// TREASURY'S BAKER ..."); `sentence_ends` from SentenceEnds(text); `id_of`
// gives an entity's canonical id. One relation per (subject, object, type),
// the most confident reading kept.
std::vector<v1::EntityRelation> ReadRelations(std::string_view text, const std::vector<BodyMention>& mentions,
                                              const std::vector<BodyMention>& in_title,
                                              const std::vector<CueHit>& cues,
                                              const std::vector<uint32_t>& sentence_ends,
                                              const std::function<const std::string&(int32_t)>& id_of);

}  // namespace streamlens::links
