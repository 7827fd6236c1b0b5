// web_assets.hpp — the pages of class mode (server/web/*), embedded in the binary at build time
// (cmake/embed_files.cmake generates the definitions), so a classroom needs no other file and no
// network.
#pragma once

#include <optional>
#include <string_view>

namespace treatysim::server {

struct WebAsset {
  std::string_view content_type;  // e.g. "text/html; charset=utf-8"
  std::string_view bytes;
};

// The file server/web/NAME (e.g. "student.html"), or nullopt.
[[nodiscard]] std::optional<WebAsset> find_web_asset(std::string_view name) noexcept;

}  // namespace treatysim::server
