package org.unigov.shared.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What the frame around every page (navigation, who is signed in, language) needs in the model.
 * The web module provides it; pages rendered outside a controller's model — an error page from an
 * exception handler — ask for it here, so that a signed-in person still sees the frame of their
 * own session.
 */
public interface PageFrame {

	/** Adds the frame's attributes for {@code request} to {@code model}. */
	void describe(HttpServletRequest request, Map<String, Object> model);
}
