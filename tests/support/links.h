// Linking one article into a fresh EntityLink, for tests that want a value
// (the services reuse one message across articles instead).
#pragma once

#include "services/worker/links/linker.h"
#include "streamlens/v1/events.pb.h"

namespace streamlens::test_support {

inline v1::EntityLink LinkOf(const links::Linker& linker, const v1::NewsEvent& article) {
  v1::EntityLink link;
  linker.Link(article, &link);
  return link;
}

}  // namespace streamlens::test_support
