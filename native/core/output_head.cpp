#include "output_head.h"

#include <limits>

#include "bounds.h"

namespace shallownet {

double diverged_cost_bound(OutputHead head, long long outputs) {
  switch (head) {
    case OutputHead::Sigmoid: return kDivergedCostPerOutput * static_cast<double>(outputs);
    case OutputHead::Softmax: return kDivergedCostPerOutput;
    case OutputHead::Linear: break;
  }
  return std::numeric_limits<double>::max();  // any finite cost
}

}  // namespace shallownet
