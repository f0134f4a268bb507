/**
 * The web shell: page layout, main navigation, language switching (Simplified Chinese by
 * default, English), the home page and error pages. Each module keeps its own pages and
 * controllers; this module only frames them.
 */
@NullMarked
@ApplicationModule(displayName = "Web", allowedDependencies = "shared")
package org.unigov.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
