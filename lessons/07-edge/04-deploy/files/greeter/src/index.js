export default {
  async fetch() {
    return new Response('Hello from the edge!');
  },
};
