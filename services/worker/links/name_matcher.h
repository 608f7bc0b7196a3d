// NameMatcher: every name of every catalog entity compiled into one Hyperscan
// literal database (hs_compile_lit_multi), scanned once per article field.
//
// A name is compiled case-insensitively unless the catalog marks it
// case-sensitive (acronyms such as "EC", "Fed"); a case-sensitive name also
// gets its ALL CAPS spelling, valid only in all-caps fields (Reuters titles).
// Scan() keeps only hits that sit on word boundaries and obey the case rules:
// a case-insensitive name must start with a capital letter unless the field is
// all caps ("turkey" the bird is not Turkey). Overlaps and the choice between
// entities sharing a name are left to the linker.
//
// Spans come from the literal's length (end - length), which for literals is
// exactly what HS_FLAG_SOM_LEFTMOST would report, without its cost.
//
// Thread-safety: Build() is pure; Scan() uses one Hyperscan scratch owned by
// the matcher, so one matcher serves one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "streamlens/v1/events.pb.h"

struct hs_database;
struct hs_scratch;

namespace streamlens::links {

// How a name form counts when found.
enum class FormKind : uint8_t {
  kName,           // display name or alias: always a mention
  kDemonym,        // "Japanese", "West German": a mention of the place
  kSurname,        // a person's surname alone: needs support (full name elsewhere, a title before it)
  kDatelineAlias,  // "N.Y.", "Calif.": only in datelines or right after "City, "
  kHomeName,       // "the Stock Exchange", "the Bourse": only in a story datelined in the entity's home city
  kBlocker,        // a phrase that is no entity ("Latin America"): hides what it overlaps
  kCue,            // a relation cue word ("chairman", "owns"): not a mention
};

// One way to write one entity (or a blocker / cue).
struct NameForm {
  int32_t entity = -1;  // index into NameMatcher::entities(); -1 for blockers and cues
  FormKind kind = FormKind::kName;
  int32_t cue = -1;     // for kCue: the caller's cue id
  std::string text;
};

// A hit that passed the boundary and case rules: `pattern` indexes patterns().
struct NameHit {
  uint32_t pattern;
  uint32_t begin;
  uint32_t end;
};

// One distinct literal of the database and the forms that share it.
struct NamePattern {
  std::string text;
  bool caseless = true;
  bool caps_only = false;    // the ALL CAPS variant of a case-sensitive name
  bool lower_start = false;  // the name itself starts in lower case ("mainland China")
  std::vector<uint32_t> forms;
};

struct Cue {
  std::string text;
  int32_t id;
};

// The few bytes of a pattern the scan callback and the linker's first loop
// read for every hit, packed apart from NamePattern so that they stay in cache.
struct PatternFacts {
  uint32_t forms_begin = 0;  // this pattern's forms: form_refs()[forms_begin, forms_begin + forms_count)
  uint16_t forms_count = 0;
  uint16_t length = 0;
  int16_t cue = -1;  // the cue id when the pattern is a relation cue word
  bool caseless = true;
  bool caps_only = false;
  bool lower_start = false;
  bool word_front = true;  // the name begins / ends with a word byte, so
  bool word_back = true;   // a boundary is needed there
};

class NameMatcher {
 public:
  // Compiles the names of `entities` (which must outlive the matcher), the
  // blocker phrases and the cue words.
  static absl::StatusOr<std::unique_ptr<NameMatcher>> Build(std::vector<const v1::CatalogEntity*> entities,
                                                            const std::vector<std::string>& blockers,
                                                            const std::vector<Cue>& cues);
  ~NameMatcher();

  // Appends the hits of `text` in order of their end offset. `all_caps`
  // says whether the field is written in capitals (relaxes the case rules).
  void Scan(std::string_view text, bool all_caps, std::vector<NameHit>* hits) const;

  // Hyperscan's bare scan of `text` with the same database and a callback
  // that only counts: the natural limit the linker is measured against.
  size_t CountRawMatches(std::string_view text) const;

  const std::vector<const v1::CatalogEntity*>& entities() const { return entities_; }
  const std::vector<NamePattern>& patterns() const { return patterns_; }
  const std::vector<PatternFacts>& facts() const { return facts_; }
  // Every pattern's forms, flattened (see PatternFacts::forms_begin), as
  // (entity, kind) pairs: what resolution reads for each hit.
  struct FormRef {
    int32_t entity;
    FormKind kind;
  };
  const std::vector<FormRef>& form_refs() const { return form_refs_; }
  const std::vector<NameForm>& forms() const { return forms_; }
  size_t database_bytes() const;

 private:
  NameMatcher() = default;
  struct ScanContext;
  static int OnMatch(unsigned int id, unsigned long long from, unsigned long long to, unsigned int flags, void* ctx);

  std::vector<const v1::CatalogEntity*> entities_;
  std::vector<NameForm> forms_;
  std::vector<NamePattern> patterns_;
  std::vector<PatternFacts> facts_;
  std::vector<FormRef> form_refs_;
  hs_database* database_ = nullptr;
  mutable hs_scratch* scratch_ = nullptr;
};

// One to eight capitals, digits or dots: "ADB", "BRK.A".
bool IsTickerSymbol(std::string_view s);

// Whether text[begin, end) lies in a ticker mark: "<UN>" and "<UN.A>" are
// Unilever's, "Adobe Systems <ADB>" is Adobe's, "<BAC.NYSE>" BankAmerica's:
// neither the United Nations, a development bank nor the exchange. A mark
// that spells a name out ("<American Stock Exchange>", Reuters' mark for a
// body without a ticker) is no ticker: the names in it count.
bool InsideTickerMark(std::string_view text, size_t begin, size_t end);

// True when a field has (almost) no lower-case letters: Reuters titles.
bool IsAllCaps(std::string_view text);

}  // namespace streamlens::links
