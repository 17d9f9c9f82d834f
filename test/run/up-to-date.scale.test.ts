// Rebuild only what changed (issue 25), at the size the issue names: 30 talks.
import { upToDateCases } from '../helpers/up-to-date.js';

upToDateCases(30);
