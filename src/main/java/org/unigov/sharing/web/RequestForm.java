package org.unigov.sharing.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.unigov.shared.problem.FieldProblem;
import org.unigov.shared.web.FormValues;
import org.unigov.sharing.RequestInput;
import org.unigov.sharing.SharingRequest;

/** The request form as the browser posts it. */
public class RequestForm {

	private String entryId = "";

	private String consumerSystemId = "";

	private List<String> items = new ArrayList<>();

	private String legalBasis = "";

	private String useCase = "";

	private String useScope = "";

	private String sharingMethod = "api";

	private String periodFrom = "";

	private String periodTo = "";

	private String expectedVolume = "";

	private long version;

	public String getEntryId() { return this.entryId; }
	public void setEntryId(String v) { this.entryId = v; }
	public String getConsumerSystemId() { return this.consumerSystemId; }
	public void setConsumerSystemId(String v) { this.consumerSystemId = v; }
	public List<String> getItems() { return this.items; }
	public void setItems(List<String> v) { this.items = v; }
	public String getLegalBasis() { return this.legalBasis; }
	public void setLegalBasis(String v) { this.legalBasis = v; }
	public String getUseCase() { return this.useCase; }
	public void setUseCase(String v) { this.useCase = v; }
	public String getUseScope() { return this.useScope; }
	public void setUseScope(String v) { this.useScope = v; }
	public String getSharingMethod() { return this.sharingMethod; }
	public void setSharingMethod(String v) { this.sharingMethod = v; }
	public String getPeriodFrom() { return this.periodFrom; }
	public void setPeriodFrom(String v) { this.periodFrom = v; }
	public String getPeriodTo() { return this.periodTo; }
	public void setPeriodTo(String v) { this.periodTo = v; }
	public String getExpectedVolume() { return this.expectedVolume; }
	public void setExpectedVolume(String v) { this.expectedVolume = v; }
	public long getVersion() { return this.version; }
	public void setVersion(long v) { this.version = v; }

	static RequestForm of(SharingRequest r) {
		RequestForm form = new RequestForm();
		form.entryId = r.entryId().toString();
		form.consumerSystemId = r.consumerSystemId().toString();
		form.items = new ArrayList<>(r.items());
		form.legalBasis = r.legalBasis();
		form.useCase = r.useCase();
		form.useScope = r.useScope();
		form.sharingMethod = r.sharingMethod();
		form.periodFrom = r.periodFrom().toString();
		form.periodTo = r.periodTo().toString();
		form.expectedVolume = r.expectedVolume();
		form.version = r.version();
		return form;
	}

	@Nullable RequestInput input(List<FieldProblem> problems) {
		UUID entry = uuid(this.entryId, "entryId", problems);
		UUID system = uuid(this.consumerSystemId, "consumerSystemId", problems);
		LocalDate from = FormValues.date(this.periodFrom, "periodFrom", problems);
		LocalDate to = FormValues.date(this.periodTo, "periodTo", problems);
		if (entry == null || system == null || !problems.isEmpty()) {
			return null;
		}
		return new RequestInput(entry, system, this.items, FormValues.trimmed(this.legalBasis), FormValues.trimmed(this.useCase), FormValues.trimmed(this.useScope),
				FormValues.trimmed(this.sharingMethod), from, to, FormValues.trimmed(this.expectedVolume), null);
	}

	private static @Nullable UUID uuid(String value, String field, List<FieldProblem> problems) {
		try {
			return UUID.fromString(value.strip());
		}
		catch (IllegalArgumentException ex) {
			problems.add(new FieldProblem(field, "missing", "Choose one."));
			return null;
		}
	}

}
