import { describe, expect, it } from 'vitest';

import {
	parseSoql,
	salesforceSource,
	soqlDateTime,
} from '../../../../nodes/Unified/PassthroughTrigger/sources/salesforce';

const soqlOf = (
	since: number | undefined,
	soql = 'SELECT Id, Name FROM Account',
	event: 'new' | 'newOrUpdated' = 'newOrUpdated',
) =>
	salesforceSource({ soql, apiVersion: 'v62.0', event, domain: '' })
		.query(since)
		.spec.query.find(([name]) => name === 'q')?.[1];

describe('Salesforce source SOQL', () => {
	it('writes datetimes as unquoted SOQL literals with whole seconds', () => {
		expect(soqlDateTime(Date.UTC(2026, 10, 29, 8, 0, 0, 999))).toBe('2026-11-29T08:00:00Z');
	});

	it('adds the time condition with AND, the order, and the fields it needs', () => {
		expect(
			soqlOf(
				Date.UTC(2026, 10, 29, 8),
				"SELECT Name FROM Account WHERE Industry = 'Energy' OR Rating = 'Hot'",
			),
		).toBe(
			"SELECT Name, Id, SystemModstamp FROM Account WHERE (Industry = 'Energy' OR Rating = 'Hot') AND SystemModstamp > 2026-11-29T07:59:59Z ORDER BY SystemModstamp ASC, Id ASC",
		);
		expect(soqlOf(undefined, 'select id, systemmodstamp from Contact')).toBe(
			'SELECT id, systemmodstamp FROM Contact ORDER BY SystemModstamp ASC, Id ASC',
		);
		expect(soqlOf(Date.UTC(2026, 10, 29, 8), 'SELECT Name FROM Lead', 'new')).toBe(
			'SELECT Name, Id, SystemModstamp, CreatedDate FROM Lead WHERE CreatedDate > 2026-11-29T07:59:59Z ORDER BY CreatedDate ASC, Id ASC',
		);
	});

	it('refuses ORDER BY, LIMIT and anything that is not SELECT ... FROM, but not those words inside quotes', () => {
		expect(() => parseSoql('SELECT Id FROM Account ORDER BY Name')).toThrow(/Remove ORDER BY/);
		expect(() => parseSoql('SELECT Id FROM Account LIMIT 10')).toThrow(/Remove LIMIT/);
		expect(() => parseSoql('DELETE Account')).toThrow(/SELECT <fields> FROM <object>/);
		expect(parseSoql("SELECT Id FROM Account WHERE Name = 'order by limit'")).toEqual({
			fields: ['Id'],
			object: 'Account',
			where: "Name = 'order by limit'",
		});
	});

	it('refuses a WHERE whose parentheses do not pair up outside quoted text: it would escape the time bound', () => {
		const refused = [
			'SELECT Id FROM Account WHERE Name != null) OR (Name != null',
			'SELECT Id FROM Account WHERE (Name != null',
			'SELECT Id FROM Account WHERE Name != null)',
			'SELECT Id FROM Account WHERE Name != null)) OR ((Name != null',
			'SELECT Id FROM Account WHERE ) OR (',
			"SELECT Id FROM Account WHERE Name = 'a') OR (Name != null",
			// An escaped backslash ends the literal: the parenthesis after it is outside quotes.
			"SELECT Id FROM Account WHERE Name = 'a\\\\') OR (Name != 'b'",
			'SELECT Id, (SELECT Id FROM Contacts FROM Account',
			// Pairs up as a whole, not within the WHERE clause.
			'SELECT Id, toLabel(Name FROM Account WHERE x = 1) OR (y = 2)',
		];
		for (const soql of refused)
			expect(() => parseSoql(soql), soql).toThrow(/Parameter "soql".*parentheses|parentheses/);
		// Unclosed literals, including one whose closing quote is escaped: whatever follows would be guessed.
		for (const soql of [
			"SELECT Id FROM Account WHERE Name = 'a) OR (b",
			"SELECT Id FROM Account WHERE Name = 'a\\') OR (Name != null",
		])
			expect(() => parseSoql(soql), soql).toThrow(/string literal .* not closed/);
	});

	it('keeps parentheses inside string literals, escaped quotes included, and paired ones', () => {
		for (const where of [
			"Name = 'O\\'Brien) OR (x'",
			"Name = ')' AND Site = '('",
			"(Name = 'a' OR Name = 'b') AND (Rating = 'Hot')",
			"Id IN (SELECT AccountId FROM Contact WHERE LastName = 'x)')",
			"Name = 'back\\\\slash'",
		]) {
			expect(parseSoql(`SELECT Id FROM Account WHERE ${where}`).where).toBe(where);
			expect(soqlOf(1_000_000, `SELECT Id FROM Account WHERE ${where}`)).toContain(
				`WHERE (${where}) AND SystemModstamp >`,
			);
		}
		expect(parseSoql('SELECT Id, toLabel(Status) FROM Account').fields).toEqual([
			'Id',
			'toLabel(Status)',
		]);
	});

	it('refuses an API version that is not vNN.N', () => {
		expect(() =>
			salesforceSource({
				soql: 'SELECT Id FROM Account',
				apiVersion: '../v1',
				event: 'new',
				domain: '',
			}),
		).toThrow(/salesforceApiVersion|not a Salesforce API version/);
	});
});
