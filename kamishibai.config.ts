// Defaults for every talk in slides/. A talk's front matter overrides these, and CLI flags
// override both. Keys are the front-matter keys (see README, "Front matter").
import { defineConfig } from 'kamishibai';

export default defineConfig({
  deck: {
    theme: 'kamishibai',
    aspectRatio: '16:9',
    transition: 'slide',
  },
});
