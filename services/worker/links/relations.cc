#include "services/worker/links/relations.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "services/worker/links/text_units.h"

namespace streamlens::links {
namespace {

enum class CueKind { kRole, kOwns, kOwnedBy, kInvested, kAcquires, kInterview, kInterviewWith };

struct CueSpec {
  const char* text;
  CueKind kind;
  const char* role;       // normalised role for kRole
  bool adjacent = false;  // kRole: the employer must be named right before the role
};

// Roles are normalised so that "chairman", "chairwoman" and "chair" read the
// same in the view.
constexpr CueSpec kCues[] = {
    {"chairman", CueKind::kRole, "chair"},
    {"chairwoman", CueKind::kRole, "chair"},
    {"chair", CueKind::kRole, "chair"},
    {"vice chairman", CueKind::kRole, "vice chair"},
    {"executive chairman", CueKind::kRole, "chair"},
    {"chief executive", CueKind::kRole, "chief executive"},
    {"chief executive officer", CueKind::kRole, "chief executive"},
    {"CEO", CueKind::kRole, "chief executive"},
    {"chief financial officer", CueKind::kRole, "chief financial officer"},
    {"CFO", CueKind::kRole, "chief financial officer"},
    {"president", CueKind::kRole, "president"},
    {"founder", CueKind::kRole, "founder"},
    {"co-founder", CueKind::kRole, "founder"},
    {"managing director", CueKind::kRole, "managing director"},
    // "U.S. Treasury Secretary James Baker", "Bank of Japan Governor Satoshi
    // Sumita", "EC farm Commissioner Frans Andriessen": the head or a member
    // of a public body's executive.
    // Only with the body named right before them: "Japanese central bank
    // governor Satoshi Sumita" after "Fed Chairman Paul Volcker" is not the
    // Fed's.
    {"secretary", CueKind::kRole, "secretary", true},
    {"secretary general", CueKind::kRole, "secretary general", true},  // "NATO Secretary-General Lord Carrington"
    {"secretary-general", CueKind::kRole, "secretary general", true},
    {"governor", CueKind::kRole, "governor", true},
    {"commissioner", CueKind::kRole, "commissioner", true},
    {"owns", CueKind::kOwns, ""},
    {"owner of", CueKind::kOwns, ""},
    {"unit of", CueKind::kOwnedBy, ""},
    {"subsidiary of", CueKind::kOwnedBy, ""},
    {"owned by", CueKind::kOwnedBy, ""},
    {"invested", CueKind::kInvested, ""},
    {"invests", CueKind::kInvested, ""},
    {"investor in", CueKind::kInvested, ""},
    {"stake in", CueKind::kInvested, ""},
    {"acquire", CueKind::kAcquires, ""},
    {"acquires", CueKind::kAcquires, ""},
    {"acquired", CueKind::kAcquires, ""},
    {"to buy", CueKind::kAcquires, ""},
    {"bought", CueKind::kAcquires, ""},
    {"takeover of", CueKind::kAcquires, ""},
    {"bid for", CueKind::kAcquires, ""},
    {"acquisition of", CueKind::kAcquires, ""},
    {"interview with", CueKind::kInterviewWith, ""},
    {"interviewed", CueKind::kInterview, ""},
};

bool IsParty(v1::EntityType t) {
  return t == v1::ENTITY_TYPE_COMPANY || t == v1::ENTITY_TYPE_ORGANISATION || t == v1::ENTITY_TYPE_BRAND ||
         t == v1::ENTITY_TYPE_EXCHANGE;
}
bool IsOwned(v1::EntityType t) { return t == v1::ENTITY_TYPE_COMPANY || t == v1::ENTITY_TYPE_BRAND; }
bool IsEmployer(v1::EntityType t) { return t == v1::ENTITY_TYPE_COMPANY || t == v1::ENTITY_TYPE_ORGANISATION; }

// Only separators (spaces, commas) between two offsets.
bool Adjacent(std::string_view text, uint32_t from, uint32_t to, uint32_t max_gap) {
  if (to < from || to - from > max_gap) return false;
  for (uint32_t i = from; i < to; ++i) {
    if (text[i] != ' ' && text[i] != ',' && text[i] != '\n') return false;
  }
  return true;
}

// Between the owned party and "unit of"/"owned by": only separators and the
// words of "is a", "is 87 pct", "is wholly-", at most 30 bytes.
bool OwnedLeadIn(std::string_view text, uint32_t from, uint32_t to) {
  if (to < from || to - from > 30) return false;
  std::string_view gap = text.substr(from, to - from);
  size_t i = 0;
  while (i < gap.size()) {
    if (gap[i] == ' ' || gap[i] == ',' || gap[i] == '\n' || gap[i] == '-' || gap[i] == '.' ||
        std::isdigit(static_cast<unsigned char>(gap[i])) != 0) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < gap.size() && std::isalpha(static_cast<unsigned char>(gap[j])) != 0) ++j;
    if (j == i) return false;
    const std::string_view word = gap.substr(i, j - i);
    if (word != "a" && word != "an" && word != "is" && word != "was" && word != "pct" && word != "percent" &&
        word != "wholly" && word != "fully" && word != "majority" && word != "partly" && word != "the") {
      return false;
    }
    i = j;
  }
  return true;
}

// "as" alone between a person and a role: "reappoint Paul Volcker as
// chairman of the Federal Reserve Board" (Reuters may break the line there).
bool AsBetween(std::string_view text, uint32_t from, uint32_t to) {
  auto space = [](char c) { return c == ' ' || c == '\n'; };
  return to >= from && to - from == 4 && space(text[from]) && text.substr(from + 1, 2) == "as" && space(text[from + 3]);
}

// "owns a 20 pct stake in": the word "stake" within 25 bytes after the cue.
bool StakeFollows(std::string_view text, uint32_t from, uint32_t sentence_end) {
  const uint32_t to = std::min<uint32_t>(sentence_end, from + 25);
  return to > from && text.substr(from, to - from).find("stake") != std::string_view::npos;
}

// "... the ADB's support after President Corazon Aquino took over": a title
// after a preposition names someone the clause is about, not an officer of
// the body named earlier in the sentence.
bool AfterAPreposition(std::string_view text, uint32_t cue_begin) {
  std::string_view w = PreviousWord(text, cue_begin);
  return w == "after" || w == "before" || w == "by" || w == "under" || w == "since" || w == "until" || w == "from";
}

// Between a body and its role, the words of a portfolio: "EC External Trade
// Commissioner". One or two capitalised words and nothing else.
bool TitleWords(std::string_view text, uint32_t from, uint32_t to) {
  if (to < from || to - from > 26) return false;
  std::string_view gap = text.substr(from, to - from);
  int words = 0;
  for (size_t i = 0; i < gap.size();) {
    if (gap[i] == ' ') {
      ++i;
      continue;
    }
    if (!std::isupper(static_cast<unsigned char>(gap[i]))) return false;
    while (i < gap.size() && std::isalpha(static_cast<unsigned char>(gap[i]))) ++i;
    if (i < gap.size() && gap[i] != ' ') return false;
    ++words;
  }
  return words >= 1 && words <= 2;
}

// "Treasury Secretary James Baker said ...": the capitalised word before a
// public body's role, when it is the head word of a body the text names
// elsewhere ("the U.S. Treasury": org:us-treasury). Only when that word opens
// the sentence, follows a lower-case word and a space, or follows "U.S." (the
// bodies with head words are American): "Argentine Treasury Secretary" is
// another country's, and so is the one in '"...," Treasury Secretary Mario
// Brodersohn said' in an article on Argentina.
const BodyMention* BodyOfHeadWord(std::string_view text, uint32_t cue_begin, uint32_t sentence_begin,
                                  const std::vector<BodyMention>& mentions,
                                  const std::vector<BodyMention>& in_title) {
  const std::string_view word = PreviousWord(text, cue_begin);
  if (word.size() < 5 || !std::isupper(static_cast<unsigned char>(word.front()))) return nullptr;
  const uint32_t word_begin = static_cast<uint32_t>(word.data() - text.data());
  bool opens = true;  // nothing but spaces between the sentence's start and the word
  for (uint32_t i = sentence_begin; i < word_begin && opens; ++i) opens = std::isspace(static_cast<unsigned char>(text[i]));
  const std::string_view before = PreviousWord(text, word_begin);
  const bool after_lower = !before.empty() && std::islower(static_cast<unsigned char>(before.front())) &&
                           word_begin - static_cast<uint32_t>(before.data() + before.size() - text.data()) == 1;
  if (!opens && !after_lower && before != "U.S") return nullptr;
  std::string head(word);
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto* list : {&mentions, &in_title}) {
    for (const BodyMention& m : *list) {
      if (IsEmployer(m.type) && m.head_word == head) return &m;
    }
  }
  return nullptr;
}

std::string Evidence(std::string_view sentence) {
  std::string out;
  for (char c : sentence) {
    const bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
    if (space && (out.empty() || out.back() == ' ')) continue;
    out.push_back(space ? ' ' : c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.size() > 300) {
    size_t cut = 300;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
    out.resize(cut);
  }
  return out;
}

}  // namespace

std::vector<Cue> RelationCues() {
  std::vector<Cue> cues;
  for (size_t i = 0; i < std::size(kCues); ++i) cues.push_back({kCues[i].text, static_cast<int32_t>(i)});
  return cues;
}

std::vector<v1::EntityRelation> ReadRelations(std::string_view text, const std::vector<BodyMention>& mentions,
                                              const std::vector<BodyMention>& in_title,
                                              const std::vector<CueHit>& cues,
                                              const std::vector<uint32_t>& sentence_ends,
                                              const std::function<const std::string&(int32_t)>& id_of) {
  std::map<std::tuple<int32_t, int32_t, int>, v1::EntityRelation> found;
  std::vector<std::tuple<int32_t, int32_t, int>> order;
  auto add = [&](const BodyMention& s, const BodyMention& o, v1::RelationType type, std::string_view role,
                 double confidence, std::string_view sentence) {
    if (s.entity == o.entity) return;
    auto key = std::make_tuple(s.entity, o.entity, static_cast<int>(type));
    auto it = found.find(key);
    if (it != found.end() && it->second.confidence() >= confidence) return;
    if (it == found.end()) order.push_back(key);
    v1::EntityRelation r;
    r.set_subject_id(id_of(s.entity));
    r.set_object_id(id_of(o.entity));
    r.set_type(type);
    r.set_role(std::string(role));
    r.set_evidence(Evidence(sentence));
    r.set_confidence(confidence);
    found[key] = std::move(r);
  };

  for (const CueHit& cue : cues) {
    const CueSpec& spec = kCues[cue.cue];
    // The sentence holding the cue.
    auto end_it = std::upper_bound(sentence_ends.begin(), sentence_ends.end(), cue.begin);
    if (end_it == sentence_ends.end()) continue;
    const uint32_t s_end = *end_it;
    const uint32_t s_begin = end_it == sentence_ends.begin() ? 0 : *(end_it - 1);
    const std::string_view sentence = text.substr(s_begin, s_end - s_begin);
    std::vector<const BodyMention*> before, after;  // nearest first
    for (const auto& m : mentions) {
      if (m.begin < s_begin || m.end > s_end) continue;
      if (m.end <= cue.begin) before.push_back(&m);
      else if (m.begin >= cue.end) after.push_back(&m);
    }
    std::reverse(before.begin(), before.end());
    auto first = [](const std::vector<const BodyMention*>& v, bool (*pred)(v1::EntityType)) -> const BodyMention* {
      for (const auto* m : v) {
        if (pred(m->type)) return m;
      }
      return nullptr;
    };
    auto is_person = [](v1::EntityType t) { return t == v1::ENTITY_TYPE_PERSON; };
    auto is_party_or_person = [](v1::EntityType t) { return IsParty(t) || t == v1::ENTITY_TYPE_PERSON; };

    switch (spec.kind) {
      case CueKind::kRole: {
        // "<Company> [Group] chairman <Person>" or "said chair <Person>".
        if (!after.empty() && after.front()->type == v1::ENTITY_TYPE_PERSON &&
            Adjacent(text, cue.end, after.front()->begin, 3)) {
          const BodyMention& person = *after.front();
          const BodyMention* employer = first(before, IsEmployer);
          // "its chairman": the sentence's subject's. "OPEC has reaffirmed
          // ..., its president Rilwanu Lukman" is OPEC's; "TWA also said in
          // the filing with the Securities and Exchange Commission that its
          // chairman, Carl Icahn" is TWA's, not the nearest body's.
          const bool pronoun = cue.begin >= 4 && (text.substr(cue.begin - 4, 4) == "its " ||
                                                  (cue.begin >= 6 && text.substr(cue.begin - 6, 6) == "their "));
          if (pronoun) {
            employer = before.empty() ? nullptr : before.back();  // the first in the sentence
            if (employer != nullptr && (!IsEmployer(employer->type) || !Adjacent(text, s_begin, employer->begin, 8))) {
              employer = nullptr;
            }
            if (employer != nullptr) add(person, *employer, v1::RELATION_TYPE_EXECUTIVE_OF, spec.role, 0.8, sentence);
            break;
          }
          if (employer == nullptr) {
            // "Treasury Secretary James Baker said": a public body's head
            // word, with the body named elsewhere in the text ("the U.S.
            // Treasury").
            if (spec.adjacent) {
              if (const BodyMention* body = BodyOfHeadWord(text, cue.begin, s_begin, mentions, in_title)) {
                add(person, *body, v1::RELATION_TYPE_EXECUTIVE_OF, spec.role, 0.75, sentence);
              }
            }
            break;
          }
          if (cue.begin - employer->end <= 12) {
            add(person, *employer, v1::RELATION_TYPE_EXECUTIVE_OF, spec.role, 0.9, sentence);
          } else if (spec.adjacent && before.front() == employer && TitleWords(text, employer->end, cue.begin)) {
            // "EC External Trade Commissioner, Willy De Clercq".
            add(person, *employer, v1::RELATION_TYPE_EXECUTIVE_OF, spec.role, 0.85, sentence);
          } else if (!spec.adjacent && !AfterAPreposition(text, cue.begin)) {
            add(person, *employer, v1::RELATION_TYPE_EXECUTIVE_OF, spec.role, 0.7, sentence);
          }
          // No employer before the role: none is read from later in the
          // sentence. On Reuters that reading was nearly always another body
          // ("President Jose Sarney ... the International Monetary Fund").

          break;
        }
        // "<Person>, chief executive of <Org>", "reappoint <Person> as
        // chairman of <Org>".
        if (!before.empty() && before.front()->type == v1::ENTITY_TYPE_PERSON &&
            (Adjacent(text, before.front()->end, cue.begin, 3) || AsBetween(text, before.front()->end, cue.begin))) {
          const BodyMention* employer = first(after, IsEmployer);
          if (employer != nullptr && employer->begin - cue.end <= 80) {
            add(*before.front(), *employer, v1::RELATION_TYPE_EXECUTIVE_OF, spec.role, 0.85, sentence);
          }
        }
        break;
      }
      case CueKind::kOwns: {
        // "owns a 20 pct stake in X" is an investment ("stake in" reads it).
        if (StakeFollows(text, cue.end, s_end)) break;
        const BodyMention* owner = first(before, IsEmployer);
        if (owner == nullptr) break;
        for (const auto* m : after) {
          if (IsOwned(m->type)) add(*owner, *m, v1::RELATION_TYPE_OWNS, "", 0.8, sentence);
        }
        break;
      }
      case CueKind::kOwnedBy: {
        // "<Owned>, a unit of <Owner>", "<Owned> is 87 pct owned by <Owner>":
        // both parties next to the cue, not anywhere in the sentence ("bonds
        // of a unit of Exxon" names no owned company).
        const BodyMention* owned = before.empty() ? nullptr : before.front();
        const BodyMention* owner = after.empty() ? nullptr : after.front();
        if (owned != nullptr && owner != nullptr && IsOwned(owned->type) && IsEmployer(owner->type) &&
            OwnedLeadIn(text, owned->end, cue.begin) && Adjacent(text, cue.end, owner->begin, 5)) {
          add(*owner, *owned, v1::RELATION_TYPE_OWNS, "", 0.75, sentence);
        }
        break;
      }
      case CueKind::kInvested: {
        const BodyMention* investor = first(before, is_party_or_person);
        const BodyMention* target = first(after, IsOwned);
        if (investor != nullptr && target != nullptr) {
          add(*investor, *target, v1::RELATION_TYPE_INVESTOR_IN, "", 0.8, sentence);
        }
        break;
      }
      case CueKind::kAcquires: {
        const BodyMention* buyer = first(before, is_party_or_person);
        const BodyMention* target = first(after, IsOwned);
        if (buyer != nullptr && target != nullptr) add(*buyer, *target, v1::RELATION_TYPE_ACQUIRES, "", 0.7, sentence);
        break;
      }
      case CueKind::kInterview:
      case CueKind::kInterviewWith: {
        // "X interviewed Y" names the host first; "Y says in an interview
        // with X" names the guest first.
        const BodyMention* before_cue = first(before, is_person);
        const BodyMention* after_cue = first(after, is_person);
        if (before_cue == nullptr || after_cue == nullptr) break;
        const bool host_first = spec.kind == CueKind::kInterview;
        add(host_first ? *before_cue : *after_cue, host_first ? *after_cue : *before_cue, v1::RELATION_TYPE_INTERVIEWED,
            "", 0.7, sentence);
        break;
      }
    }
  }
  std::vector<v1::EntityRelation> out;
  out.reserve(order.size());
  for (const auto& key : order) out.push_back(std::move(found[key]));
  return out;
}

}  // namespace streamlens::links
