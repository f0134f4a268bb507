package org.unigov.registry.similarity;



import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;

/** The Lucene document of an analysed system: id, ordinal, division scopes, words and capabilities. */
final class IndexDocuments {

	private IndexDocuments() {
	}

	/** Word fields: indexed with frequencies, without length norms (descriptions are short). */
	private static final FieldType WORDS = words();

	private static FieldType words() {
		FieldType type = new FieldType(TextField.TYPE_NOT_STORED);
		type.setOmitNorms(true);
		type.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
		type.freeze();
		return type;
	}

	static Document document(Profile profile) {
		Document doc = new Document();
		doc.add(new StringField("id", profile.entry().id(), Field.Store.NO));
		doc.add(new NumericDocValuesField("ordinal", profile.ordinal()));
		String division = profile.entry().divisionCode();
		for (int length = 2; length <= 6 && length <= division.length(); length += 2) {
			doc.add(new StringField("scope", division.substring(0, length), Field.Store.NO));
		}
		doc.add(new Field("terms", String.join(" ", profile.allTerms()), WORDS));
		doc.add(new Field("name", String.join(" ", profile.nameTerms()), WORDS));
		for (String capability : profile.entry().capabilities()) {
			doc.add(new StringField("cap", capability, Field.Store.NO));
		}
		return doc;
	}
}
