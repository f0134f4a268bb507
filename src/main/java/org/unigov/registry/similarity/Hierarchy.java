package org.unigov.registry.similarity;



import org.jspecify.annotations.Nullable;
import org.unigov.registry.similarity.SimilarityIndex.Relation;

/** Where two divisions sit relative to each other in the GB/T 2260 hierarchy. */
final class Hierarchy {

	private Hierarchy() {
	}

	/** Where {@code other} sits relative to {@code division} (GB/T 2260 codes). */
	public static Relation relation(String division, String other) {
		if (division.equals(other)) {
			return Relation.SAME_DIVISION;
		}
		if (!division.regionMatches(0, other, 0, 2)) {
			return Relation.OTHER;
		}
		String parent = parentOf(division);
		String otherParent = parentOf(other);
		if (other.equals(parent)) {
			return Relation.PARENT;
		}
		if (division.equals(otherParent)) {
			return Relation.CHILD;
		}
		if (parent != null && parent.equals(otherParent)) {
			return parentOf(parent) == null ? Relation.SIBLING_CITY : Relation.SIBLING;
		}
		if (isAncestor(other, division)) {
			return Relation.ANCESTOR;
		}
		if (isAncestor(division, other)) {
			return Relation.DESCENDANT;
		}
		return Relation.SAME_PROVINCE;
	}

	private static @Nullable String parentOf(String code) {
		if (code.endsWith("0000")) {
			return null;
		}
		return code.endsWith("00") ? code.substring(0, 2) + "0000" : code.substring(0, 4) + "00";
	}

	private static boolean isAncestor(String ancestor, String code) {
		for (String p = parentOf(code); p != null; p = parentOf(p)) {
			if (p.equals(ancestor)) {
				return true;
			}
		}
		return false;
	}

	static int level(String division) {
		return division.endsWith("0000") ? 1 : division.endsWith("00") ? 2 : 3;
	}
}
