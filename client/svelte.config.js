import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** TypeScript in `<script lang="ts">` blocks, through Vite's own transform. */
export default {
  preprocess: vitePreprocess(),
};
