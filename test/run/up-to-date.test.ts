// Rebuild only what changed (issue 25), on 6 talks in the quick loop; the scale test runs the same cases on 30.
import { upToDateCases } from '../helpers/up-to-date.js';

upToDateCases(6);
