package org.unigov;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Signs a demo account in through the real sign-in form and returns its session. */
public final class SignIn {

	private SignIn() {
	}

	public static MockHttpSession as(MockMvc mvc, String username) throws Exception {
		return asWithPassword(mvc, username, "demo");
	}

	public static MockHttpSession asWithPassword(MockMvc mvc, String username, String password) throws Exception {
		MvcResult result = mvc.perform(formLogin("/login").user(username).password(password)).andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).as("sign-in of " + username).doesNotContain("error");
		return (MockHttpSession) result.getRequest().getSession(false);
	}
}
