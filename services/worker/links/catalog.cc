#include "services/worker/links/catalog.h"

#include <google/protobuf/util/message_differencer.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "services/common/json.h"

namespace streamlens::links {
namespace {

namespace fs = std::filesystem;

// Checks what the JSON mapping cannot: an entity the linker could not use
// is a data error, reported with its line rather than silently ignored.
absl::Status Validate(const v1::CatalogEntity& e) {
  if (e.id().empty()) return absl::InvalidArgumentError("id: missing");
  const auto colon = e.id().find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == e.id().size()) {
    return absl::InvalidArgumentError("id: \"" + e.id() + "\" is not \"<type>:<slug>\"");
  }
  if (e.deleted()) return absl::OkStatus();
  if (e.type() == v1::ENTITY_TYPE_UNSPECIFIED) return absl::InvalidArgumentError("type: missing for " + e.id());
  if (e.name().empty()) return absl::InvalidArgumentError("name: missing for " + e.id());
  for (const auto& c : e.codes()) {
    if (c.scheme().empty() || c.value().empty()) {
      return absl::InvalidArgumentError("codes: scheme and value are required for " + e.id());
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status EntityCatalog::LoadDirectory(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return absl::NotFoundError("catalog directory not found: " + dir);
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
    const auto ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".ndjson" || ext == ".jsonl")) files.push_back(entry.path());
  }
  if (ec) return absl::UnavailableError("cannot list " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  // Parse everything before changing anything: a bad file leaves the
  // catalog as it was.
  std::vector<v1::CatalogEntity> parsed;
  for (const auto& path : files) {
    std::ifstream in(path);
    if (!in) return absl::UnavailableError("cannot read " + path.string());
    std::string line;
    int line_no = 0;
    while (std::getline(in, line)) {
      ++line_no;
      if (line.find_first_not_of(" \t\r") == std::string::npos || line[line.find_first_not_of(" \t")] == '#') continue;
      v1::CatalogEntity entity;
      absl::Status s = FromJsonLine(line, &entity);
      if (s.ok()) s = Validate(entity);
      if (!s.ok()) {
        return absl::InvalidArgumentError(path.string() + ":" + std::to_string(line_no) + ": " + std::string(s.message()));
      }
      parsed.push_back(std::move(entity));
    }
  }
  std::optional<SalienceModel> model;
  if (const fs::path path = fs::path(dir) / "salience.json"; fs::is_regular_file(path, ec)) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) return absl::UnavailableError("cannot read " + path.string());
    auto parsed_model = SalienceModel::FromJson(text.str());
    if (!parsed_model.ok()) return absl::InvalidArgumentError(path.string() + ": " + std::string(parsed_model.status().message()));
    model = std::move(*parsed_model);
  }
  for (const auto& e : parsed) Upsert(e);
  if (model) SetSalienceModel(std::move(*model));
  return absl::OkStatus();
}

void EntityCatalog::SetSalienceModel(SalienceModel model) {
  salience_model_ = std::move(model);
  ++version_;  // linkers rebuild and pick it up
}

void EntityCatalog::Upsert(const v1::CatalogEntity& entity) {
  auto it = entities_.find(entity.id());
  if (entity.deleted()) {
    if (it == entities_.end()) return;
    entities_.erase(it);
    ++version_;
    return;
  }
  if (it != entities_.end() && !MayReplace(it->second, entity)) return;
  // A replayed record that changes nothing keeps the version, so link ids
  // (which include it) stay the same across replays.
  if (it != entities_.end() && google::protobuf::util::MessageDifferencer::Equals(it->second, entity)) return;
  entities_[entity.id()] = entity;
  ++version_;
}

const v1::CatalogEntity* EntityCatalog::Find(const std::string& id) const {
  auto it = entities_.find(id);
  return it == entities_.end() ? nullptr : &it->second;
}

std::vector<const v1::CatalogEntity*> EntityCatalog::All() const {
  std::vector<const v1::CatalogEntity*> out;
  out.reserve(entities_.size());
  for (const auto& [id, e] : entities_) out.push_back(&e);
  std::sort(out.begin(), out.end(), [](const auto* a, const auto* b) { return a->id() < b->id(); });
  return out;
}

}  // namespace streamlens::links
