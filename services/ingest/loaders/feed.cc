// ReadFeeds: finds the files, picks the parser by extension, and turns every
// parser outcome into an on_event or an on_rejected call with its origin.
#include "services/ingest/loaders/feed.h"

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>

#include <google/protobuf/arena.h>

#include "services/ingest/loaders/earnings_text.h"
#include "services/ingest/loaders/ndjson.h"
#include "services/ingest/loaders/reuters_sgml.h"
#include "services/ingest/loaders/text_article.h"

namespace streamlens::loaders {
namespace {

namespace fs = std::filesystem;

enum class Format { kUnknown, kSgml, kNdjson, kText };

Format FormatOf(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  if (ext == ".sgm" || ext == ".sgml") return Format::kSgml;
  if (ext == ".ndjson" || ext == ".jsonl") return Format::kNdjson;
  if (ext == ".txt") return Format::kText;
  return Format::kUnknown;
}

// Documentation and hidden files that live beside feeds (README.md,
// .gitkeep) are not feeds and not worth a rejection line.
bool IsCompanionFile(const fs::path& p) {
  std::string name = p.filename().string();
  std::string ext = p.extension().string();
  return name.empty() || name[0] == '.' || ext == ".md" || ext == ".dtd";
}

struct FeedFile {
  fs::path path;
  Format format;
  size_t size;
};

absl::StatusOr<std::string> ReadWhole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return absl::NotFoundError(path.string() + ": cannot open");
  std::streamoff size = in.tellg();
  if (size < 0) {  // not seekable (a pipe): copy the stream
    in.clear();
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) return absl::DataLossError(path.string() + ": read error");
    return ss.str();
  }
  // One read into a buffer of the file's size (a stream copy costs ~10% of parsing).
  std::string text(static_cast<size_t>(size), '\0');
  in.seekg(0);
  in.read(text.data(), size);
  if (in.bad()) return absl::DataLossError(path.string() + ": read error");
  text.resize(static_cast<size_t>(in.gcount()));
  return text;
}

// What one file produced, in order, kept for its turn (parallel parsing).
struct Outcome {
  bool is_event = false;
  v1::PublishRequest request;  // when not prepared
  std::any prepared;           // FeedCallbacks::prepare's result, when set
  std::string origin;
  std::string reason;
};

class FeedReader {
 public:
  // With `sink`, events and rejections are appended there instead of going to
  // the callbacks, and progress is not reported.
  FeedReader(const FeedCallbacks& callbacks, size_t total, std::vector<Outcome>* sink = nullptr)
      : cb_(callbacks),
        total_(total),
        sink_(sink),
        arena_block_(new char[kArenaBlock]),
        arena_(arena_block_.get(), kArenaBlock) {}

  void Read(const FeedFile& f) {
    switch (f.format) {
      case Format::kSgml:
        ReadSgml(f);
        break;
      case Format::kNdjson:
        ReadNdjson(f);
        break;
      case Format::kText:
        ReadText(f);
        break;
      case Format::kUnknown:
        break;
    }
    done_before_ += f.size;
    Progress(0);
  }

 private:
  void Emit(v1::PublishRequest&& request, const std::string& origin) {
    if (cb_.prepare) {
      std::any prepared = cb_.prepare(std::move(request), origin);
      if (sink_) {
        Outcome& o = sink_->emplace_back();
        o.is_event = true;
        o.prepared = std::move(prepared);
        o.origin = origin;
      } else if (cb_.on_prepared) {
        cb_.on_prepared(prepared, origin);
      }
    } else if (sink_) {
      sink_->push_back({true, std::move(request), {}, origin, {}});
    } else if (cb_.on_event) {
      cb_.on_event(request, origin);
    }
  }
  void Reject(const std::string& origin, const std::string& reason) {
    if (sink_) {
      sink_->push_back({false, {}, {}, origin, reason});
    } else if (cb_.on_rejected) {
      cb_.on_rejected(origin, reason);
    }
  }
  void Progress(size_t in_file) {
    if (cb_.on_progress && !sink_) cb_.on_progress(done_before_ + in_file, total_);
  }

  void ReadSgml(const FeedFile& f) {
    auto text = ReadWhole(f.path);
    if (!text.ok()) {
      Reject(f.path.string(), std::string(text.status().message()));
      return;
    }
    const std::string file = f.path.string();
    // A headline-only flash has no dateline: its figures are read at the end
    // of the file, in the currency of the same company's datelined reports.
    std::map<std::string, std::string> currency_by_company;  // "" when they disagree
    std::vector<std::pair<EarningsArticle, std::string>> flashes;
    ParseReutersSgml(
        *text,
        [&](ReutersArticle&& a) {
          std::string origin;  // file + " NEWID=" + newid, in one allocation
          origin.reserve(file.size() + 27);
          origin.append(file).append(" NEWID=").append(std::to_string(a.newid));
          if (a.title.empty() && a.body.empty()) {
            Reject(origin, "empty article: no <TITLE> and no text");
            return;
          }
          // The earnings reader gets its copy of the text first: the news
          // event takes the article's own.
          const bool earn = std::find(a.topics.begin(), a.topics.end(), "earn") != a.topics.end();
          const bool has_body = a.has_body;
          EarningsArticle ea;
          if (earn) {
            ea.source = std::string(kReutersSource);
            ea.title = a.title;
            ea.dateline = a.dateline;
            ea.body = a.body;
            ea.places = a.places;
          }
          // The news event lives on the arena until it is handed over, unless
          // it is kept beyond the article (a sink without `prepare`).
          const bool on_arena = cb_.prepare || !sink_;
          v1::PublishRequest on_heap;
          v1::PublishRequest* request =
              on_arena ? google::protobuf::Arena::CreateMessage<v1::PublishRequest>(&arena_) : &on_heap;
          if (absl::Status s = ToNewsEvent(std::move(a), request->mutable_news()); !s.ok()) {
            Reject(origin, std::string(s.message()));
            arena_.Reset();
            return;
          }
          if (earn) {
            ea.article_id = request->news().id();
            ea.published_at = request->news().published_at();
          }
          Emit(std::move(*request), origin);
          arena_.Reset();
          if (!earn) return;
          if (ea.dateline.empty() && !has_body) {
            flashes.emplace_back(std::move(ea), origin);
            return;
          }
          std::string currency = EmitEarnings(ea, origin, has_body);
          if (std::string key = TitleCompanyKey(ea.title); !key.empty() && !currency.empty()) {
            auto [it, fresh] = currency_by_company.emplace(key, currency);
            if (!fresh && it->second != currency) it->second.clear();
          }
        },
        [&](int line, int64_t newid, const std::string& reason) {
          std::string origin = file + ":" + std::to_string(line);
          if (newid > 0) origin += " NEWID=" + std::to_string(newid);
          Reject(origin, reason);
        },
        [&](size_t offset) { Progress(offset); });
    for (auto& [ea, origin] : flashes) {
      auto it = currency_by_company.find(TitleCompanyKey(ea.title.empty() ? ea.body : ea.title));
      if (it != currency_by_company.end()) ea.currency_hint = it->second;
      EmitEarnings(ea, origin, false);
    }
  }

  // Returns the currency the report was read in.
  std::string EmitEarnings(const EarningsArticle& ea, const std::string& origin, bool has_body) {
    EarningsExtraction extraction = ExtractEarnings(ea);
    for (auto& ev : extraction.events) {
      v1::PublishRequest r;
      *r.mutable_earnings() = std::move(ev);
      Emit(std::move(r), origin);
    }
    for (const auto& line : extraction.unread_lines) Reject(origin, "earnings figure not read: " + line);
    if (extraction.events.empty()) {
      Reject(origin, "earnings: " + extraction.no_events_reason + (has_body ? "" : " (the article has no <BODY>)"));
    }
    return extraction.currency;
  }

  void ReadNdjson(const FeedFile& f) {
    std::ifstream in(f.path, std::ios::binary);
    if (!in) {
      Reject(f.path.string(), "cannot open");
      return;
    }
    const std::string file = f.path.string();
    std::string line;
    size_t line_no = 0;
    size_t offset = 0;
    while (std::getline(in, line)) {
      ++line_no;
      offset += line.size() + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      std::string origin = file + ":" + std::to_string(line_no);
      auto request = ParseNdjsonLine(line);
      if (!request.ok()) {
        Reject(origin, std::string(request.status().message()));
      } else {
        Emit(std::move(*request), origin);
      }
      if (line_no % 256 == 0) Progress(offset);
    }
    if (in.bad()) Reject(file + ":" + std::to_string(line_no + 1), "read error");
  }

  void ReadText(const FeedFile& f) {
    auto text = ReadWhole(f.path);
    if (!text.ok()) {
      Reject(f.path.string(), std::string(text.status().message()));
      return;
    }
    auto news = ParseTextArticle(*text, f.path.string());
    if (!news.ok()) {
      Reject(f.path.string(), std::string(news.status().message()));
      return;
    }
    v1::PublishRequest request;
    *request.mutable_news() = std::move(*news);
    Emit(std::move(request), f.path.string());
  }

  const FeedCallbacks& cb_;
  size_t total_;
  std::vector<Outcome>* sink_;
  size_t done_before_ = 0;
  // News events are built here and the arena reset after each article: their
  // strings and sub-messages cost no malloc and no free each (allocation was
  // about a quarter of parsing). The first block is kept across resets.
  static constexpr size_t kArenaBlock = 16 << 10;
  std::unique_ptr<char[]> arena_block_;
  google::protobuf::Arena arena_;
};

// Parses files on `threads` workers, at most threads + 1 files ahead of the
// calling thread, which hands each file's outcomes to the callbacks in file
// order.
void ReadInParallel(const std::vector<FeedFile>& files, const FeedCallbacks& cb, size_t total, size_t threads) {
  const size_t ahead = threads + 1;
  std::vector<std::vector<Outcome>> outcomes(files.size());
  std::vector<bool> ready(files.size(), false);  // guarded by mu
  std::mutex mu;
  std::condition_variable cv;
  size_t next = 0;      // next file to parse; guarded by mu
  size_t consumed = 0;  // files handed to the callbacks; guarded by mu
  auto work = [&] {
    for (;;) {
      size_t i;
      {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return next >= files.size() || next < consumed + ahead; });
        if (next >= files.size()) return;
        i = next++;
      }
      std::vector<Outcome> parsed;
      FeedReader(cb, total, &parsed).Read(files[i]);
      std::lock_guard lock(mu);
      outcomes[i] = std::move(parsed);
      ready[i] = true;
      cv.notify_all();
    }
  };
  std::vector<std::thread> workers;
  for (size_t t = 0; t < threads; ++t) workers.emplace_back(work);
  size_t done = 0;
  for (size_t i = 0; i < files.size(); ++i) {
    std::vector<Outcome> file;
    {
      std::unique_lock lock(mu);
      cv.wait(lock, [&] { return ready[i]; });
      file = std::move(outcomes[i]);
      consumed = i + 1;
      cv.notify_all();
    }
    for (Outcome& o : file) {
      if (o.is_event) {
        if (cb.prepare) {
          if (cb.on_prepared) cb.on_prepared(o.prepared, o.origin);
        } else if (cb.on_event) {
          cb.on_event(o.request, o.origin);
        }
      } else if (cb.on_rejected) {
        cb.on_rejected(o.origin, o.reason);
      }
    }
    done += files[i].size;
    if (cb.on_progress) cb.on_progress(done, total);
  }
  for (auto& w : workers) w.join();
}

}  // namespace

absl::Status ReadFeeds(const std::vector<std::string>& paths, const FeedCallbacks& callbacks) {
  // Resolve every path first, so that a typo fails before anything is read.
  std::vector<FeedFile> files;
  std::vector<fs::path> unknown;
  for (const auto& p : paths) {
    std::error_code ec;
    fs::path path(p);
    auto st = fs::status(path, ec);
    if (ec || !fs::exists(st)) return absl::NotFoundError(p + ": no such file or directory");
    if (fs::is_directory(st)) {
      std::vector<fs::path> found;
      for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec)) {
        if (it->is_regular_file(ec)) found.push_back(it->path());
      }
      if (ec) return absl::UnavailableError(p + ": cannot list: " + ec.message());
      std::sort(found.begin(), found.end());
      for (const auto& f : found) {
        Format format = FormatOf(f);
        if (format == Format::kUnknown) {
          if (!IsCompanionFile(f)) unknown.push_back(f);
          continue;
        }
        files.push_back({f, format, static_cast<size_t>(fs::file_size(f, ec))});
      }
    } else {
      Format format = FormatOf(path);
      if (format == Format::kUnknown) {
        return absl::InvalidArgumentError(p + ": unknown feed format (expected .sgm, .ndjson, .jsonl or .txt)");
      }
      files.push_back({path, format, static_cast<size_t>(fs::file_size(path, ec))});
    }
  }
  for (const auto& f : unknown) {
    if (callbacks.on_rejected) {
      callbacks.on_rejected(f.string(), "not a feed: unknown extension (expected .sgm, .ndjson, .jsonl or .txt)");
    }
  }
  size_t total = 0;
  for (const auto& f : files) total += f.size;
  if (callbacks.parse_threads > 1 && files.size() > 1) {
    ReadInParallel(files, callbacks, total, std::min(static_cast<size_t>(callbacks.parse_threads), files.size()));
    return absl::OkStatus();
  }
  FeedReader reader(callbacks, total);
  for (const auto& f : files) reader.Read(f);
  return absl::OkStatus();
}

}  // namespace streamlens::loaders
