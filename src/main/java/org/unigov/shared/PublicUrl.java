package org.unigov.shared;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The address people and systems reach Unigov at ({@code unigov.public-url}, e.g.
 * {@code https://unigov.example.gov.cn}): the OAuth2 issuer, and the scheme, host and port of
 * every absolute link and redirect. Unset in the local demo, where each request's own Host header
 * stands in for it, so that anyone who can send a request chooses the host; set it wherever the
 * platform is reachable by others.
 */
public record PublicUrl(@Nullable URI uri) {

	public static final PublicUrl NONE = new PublicUrl(null);

	/**
	 * Reads a configured value: blank means none; otherwise an absolute http or https URL with a
	 * host and nothing after it (no path, query or user), since the application is served at its
	 * root.
	 */
	public static PublicUrl of(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return NONE;
		}
		URI uri;
		try {
			uri = new URI(value.strip());
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("unigov.public-url is not a URL: " + value, ex);
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath()))
				&& uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
		if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null || !bare) {
			throw new IllegalArgumentException(
					"unigov.public-url must be http(s)://host[:port] with nothing after it, not " + value);
		}
		return new PublicUrl(URI.create(scheme + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT)));
	}

	public boolean isSet() {
		return this.uri != null;
	}

	public boolean isHttps() {
		return this.uri != null && "https".equals(this.uri.getScheme());
	}

	/** {@code scheme://host[:port]}, without a trailing slash; empty when unset. */
	public String base() {
		return this.uri == null ? "" : this.uri.toString();
	}

	public String scheme() {
		return this.uri == null ? "" : this.uri.getScheme();
	}

	public String host() {
		return this.uri == null ? "" : this.uri.getHost();
	}

	/** The port, the scheme's default when the URL names none. */
	public int port() {
		if (this.uri == null) {
			return -1;
		}
		return this.uri.getPort() > 0 ? this.uri.getPort() : isHttps() ? 443 : 80;
	}
}
