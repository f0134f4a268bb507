package org.unigov.calendar.internal;

import java.time.LocalDate;

/**
 * The day of a new moon in Beijing time (UTC+8), by the algorithm of Jean Meeus, <i>Astronomical
 * Algorithms</i> (2nd ed., 1998), chapter 49 — with all its periodic and planetary terms, good to
 * well under a minute in this century.
 *
 * <p>Why not ICU alone: ICU4J's {@code ChineseCalendar} finds new moons with a Keplerian
 * approximation that is minutes late, so a new moon just before midnight in China lands on the
 * next day — 2027's Spring Festival (初一 6 February, new moon 23:56 on the 6th) comes out as 7
 * February (ICU-23274; unicode-org/icu pull request 4070 is still open). ICU still numbers the months
 * (which month is 正月, which is a leap month); this class only settles the day each month begins.
 */
public final class NewMoon {

	private NewMoon() {
	}

	/** The Beijing date of the new moon nearest to {@code near}. */
	static LocalDate nearest(LocalDate near) {
		double years = near.getYear() + (near.getDayOfYear() - 0.5) / near.lengthOfYear() - 2000;
		double k = Math.round(years * 12.3685);
		double jde = julianEphemerisDay(k);
		double ut = jde - deltaT(near.getYear()) / 86_400.0;
		// 2440587.5 is the Julian day of 1970-01-01 00:00 UTC; 8 hours later it is midnight in Beijing
		return LocalDate.ofEpochDay((long) Math.floor(ut - 2440587.5 + 8.0 / 24));
	}

	/** Meeus (49.1) with the corrections for a new moon; {@code k} a whole number, 0 in January 2000. */
	public static double julianEphemerisDay(double k) {
		double t = k / 1236.85;
		double t2 = t * t;
		double t3 = t2 * t;
		double t4 = t3 * t;
		double jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4;
		double e = 1 - 0.002516 * t - 0.0000074 * t2;
		double m = rad(2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3);
		double mp = rad(201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4);
		double f = rad(160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4);
		double omega = rad(124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3);
		jde += -0.40720 * Math.sin(mp) + 0.17241 * e * Math.sin(m) + 0.01608 * Math.sin(2 * mp)
				+ 0.01039 * Math.sin(2 * f) + 0.00739 * e * Math.sin(mp - m) - 0.00514 * e * Math.sin(mp + m)
				+ 0.00208 * e * e * Math.sin(2 * m) - 0.00111 * Math.sin(mp - 2 * f) - 0.00057 * Math.sin(mp + 2 * f)
				+ 0.00056 * e * Math.sin(2 * mp + m) - 0.00042 * Math.sin(3 * mp) + 0.00042 * e * Math.sin(m + 2 * f)
				+ 0.00038 * e * Math.sin(m - 2 * f) - 0.00024 * e * Math.sin(2 * mp - m) - 0.00017 * Math.sin(omega)
				- 0.00007 * Math.sin(mp + 2 * m) + 0.00004 * Math.sin(2 * mp - 2 * f) + 0.00004 * Math.sin(3 * m)
				+ 0.00003 * Math.sin(mp + m - 2 * f) + 0.00003 * Math.sin(2 * mp + 2 * f)
				- 0.00003 * Math.sin(mp + m + 2 * f) + 0.00003 * Math.sin(mp - m + 2 * f)
				- 0.00002 * Math.sin(mp - m - 2 * f) - 0.00002 * Math.sin(3 * mp + m) + 0.00002 * Math.sin(4 * mp);
		double[] a = { 299.77 + 0.107408 * k - 0.009173 * t2, 251.88 + 0.016321 * k, 251.83 + 26.651886 * k,
				349.42 + 36.412478 * k, 84.66 + 18.206239 * k, 141.74 + 53.303771 * k, 207.14 + 2.453732 * k,
				154.84 + 7.306860 * k, 34.52 + 27.261239 * k, 207.19 + 0.121824 * k, 291.34 + 1.844379 * k,
				161.72 + 24.198154 * k, 239.56 + 25.513099 * k, 331.55 + 3.592518 * k };
		double[] c = { 0.000325, 0.000165, 0.000164, 0.000126, 0.000110, 0.000062, 0.000060, 0.000056, 0.000047,
				0.000042, 0.000040, 0.000037, 0.000035, 0.000023 };
		for (int i = 0; i < a.length; i++) {
			jde += c[i] * Math.sin(rad(a[i]));
		}
		return jde;
	}

	/**
	 * Terrestrial minus universal time in seconds (Espenak and Meeus, NASA, 2006): about 69 s in 2025;
	 * an error of a minute here moves no date unless a new moon is that close to midnight.
	 */
	static double deltaT(int year) {
		double t = year - 2000;
		if (year < 2050) {
			return 62.92 + 0.32217 * t + 0.005589 * t * t;
		}
		double u = (year - 1820) / 100.0;
		return -20 + 32 * u * u - 0.5628 * (2150 - year);
	}

	private static double rad(double degrees) {
		return Math.toRadians(degrees % 360);
	}
}
