/**
 * Shared kernel: what every module needs and no module owns — typed errors mapped to RFC 9457
 * problem details, validators for the national identifier standards (GB 32100 credit codes,
 * GB 11643 citizen IDs, GB/T 2260 division codes), and text safety checks for input at the edge.
 * It holds no state and depends on no module, so every module may use it.
 */
@NullMarked
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package org.unigov.shared;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
