#pragma once
// The error type of the engine layer.  Like geo::Error it carries what went
// wrong, where (file, layer, record, field) and a hint; the CLI prints it in
// one or two lines and exits non-zero.

#include "geo/error.hpp"

namespace engine {

using geo::Where;

class Error : public geo::Error {
 public:
  using geo::Error::Error;
};

}  // namespace engine
