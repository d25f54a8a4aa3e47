#pragma once
// project.yaml for the demo: written as plain text (not through a YAML
// emitter) so its layout and comments are exactly those of the documented
// project-file schema.

#include <cstdint>
#include <string>

namespace make_demo {

std::string project_yaml(std::uint64_t seed);

}  // namespace make_demo
