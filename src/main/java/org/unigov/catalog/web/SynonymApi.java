package org.unigov.catalog.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.unigov.catalog.search.SynonymList;
import org.unigov.catalog.search.SynonymRule;
import org.unigov.shared.Access;
import org.unigov.shared.Actor;

/** The search synonym list over JSON, for platform admins: read it, replace it (audited). */
@RestController
@RequestMapping("/api/v1/catalog/synonyms")
@PreAuthorize(Access.PLATFORM_ADMIN)
@Tag(name = "Data catalog")
class SynonymApi {

	private final SynonymList synonyms;

	SynonymApi(SynonymList synonyms) {
		this.synonyms = synonyms;
	}

	/** One rule: equivalent words, or words that also find {@code expandsTo} (one way). */
	record SynonymRuleView(List<String> words, List<String> expandsTo) {

		static SynonymRuleView of(SynonymRule rule) {
			return new SynonymRuleView(rule.words(), rule.expandsTo());
		}
	}

	record SynonymListView(List<SynonymRuleView> rules) {

		static SynonymListView of(List<SynonymRule> rules) {
			return new SynonymListView(rules.stream().map(SynonymRuleView::of).toList());
		}
	}

	record SynonymRuleRequest(@Nullable @Size(max = SynonymList.MAX_TERMS) List<@Nullable String> words,
			@Nullable @Size(max = SynonymList.MAX_TERMS) List<@Nullable String> expandsTo) {

		SynonymRule rule() {
			return new SynonymRule(clean(this.words), clean(this.expandsTo));
		}

		/** A missing term becomes an empty one, which the list refuses by name. */
		private static List<String> clean(@Nullable List<@Nullable String> terms) {
			return terms == null ? List.of() : terms.stream().map(t -> t == null ? "" : t.strip()).toList();
		}
	}

	record SynonymListRequest(@NotNull @Size(max = SynonymList.MAX_RULES) List<@NotNull @Valid SynonymRuleRequest> rules) {
	}

	@GetMapping
	@Operation(summary = "The search synonym list (platform admins)")
	SynonymListView list() {
		return SynonymListView.of(this.synonyms.rules());
	}

	@PutMapping
	@Operation(summary = "Replace the search synonym list (platform admins; audited as catalog.synonyms.replaced)",
			description = "Each rule: words that are equivalent, or, with expandsTo, words that also find the targets. "
					+ "Terms are 1 to 30 letters, digits or Chinese characters. Problems: 422 invalid_synonyms with errors[].")
	SynonymListView replace(@Valid @RequestBody SynonymListRequest request) {
		return SynonymListView.of(this.synonyms.replace(Actor.current(),
				request.rules().stream().map(SynonymRuleRequest::rule).toList()));
	}
}
