#pragma once

namespace engine {
inline constexpr const char* kVersion = "0.1.0";
}
