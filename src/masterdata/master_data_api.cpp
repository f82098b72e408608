#include "masterdata/master_data_api.h"

#include <charconv>
#include <optional>
#include <string>
#include <utility>

#include "masterdata/detail/routes.h"
#include "masterdata/records_json.h"

namespace kasse::masterdata {
namespace {

using detail::AdminOnly;
using detail::IntegerParam;
using detail::NoContent;
using detail::QueryParam;
using http::HttpRequest;
using http::HttpResponse;

Result<PageRequest> PageOf(const HttpRequest& request) {
  PageRequest page;
  page.after = QueryParam(request, "after").value_or("");
  if (std::optional<std::string> limit = QueryParam(request, "limit")) {
    Result<int64_t> parsed = IntegerParam(*limit, "limit", 1, PageRequest::kMaxLimit);
    if (!parsed.ok()) return parsed.status();
    page.limit = static_cast<int>(*parsed);
  }
  return page;
}

template <typename T>
HttpResponse Answer(const Result<T>& result) {
  if (!result.ok()) return HttpResponse::Error(result.status());
  return HttpResponse::Json(200, Encode(*result));
}

// GET of a list: the page from ?after=&limit=, then list(request, page).
template <typename List>
http::Handler PagedList(const CheckAdmin& check_admin, List list) {
  return AdminOnly(check_admin, [list](const HttpRequest& request) {
    Result<PageRequest> page = PageOf(request);
    if (!page.ok()) return HttpResponse::Error(page.status());
    return Answer(list(request, *page));
  });
}

// PUT: decode, store, answer with what is stored now.
template <typename T, typename Decode, typename Put, typename Get>
HttpResponse PutAndGet(const HttpRequest& request, Decode decode, Put put, Get get) {
  Result<T> record = decode(request.body);
  if (!record.ok()) return HttpResponse::Error(record.status());
  Status stored = put(*record);
  if (!stored.ok()) return HttpResponse::Error(stored);
  return Answer(get(*record));
}

struct PriceKey {
  StoreId store;
  ArticleNumber article;
  int64_t valid_from_ms = 0;
};

Result<PriceKey> PriceKeyOf(const HttpRequest& request) {
  Result<int64_t> from = IntegerParam(request.path_params.at("valid_from_ms"), "valid_from_ms", 0, INT64_MAX);
  if (!from.ok()) return from.status();
  return PriceKey{StoreId(request.path_params.at("store_id")), ArticleNumber(request.path_params.at("article")), *from};
}

void AddOrganisationRoutes(http::Router& router, MasterDataStore& store, const CheckAdmin& admin) {
  router.Add("GET", "/api/v1/organisation", http::Access::kAdmin,
             AdminOnly(admin, [&store](const HttpRequest&) { return Answer(store.GetOrganisation()); }));
  router.Add("PUT", "/api/v1/organisation", http::Access::kAdmin,
             AdminOnly(admin, [&store](const HttpRequest& request) {
               return PutAndGet<Organisation>(
                   request, DecodeOrganisation, [&](const Organisation& o) { return store.PutOrganisation(o); },
                   [&](const Organisation&) { return store.GetOrganisation(); });
             }));
}

void AddStoreRoutes(http::Router& router, MasterDataStore& store, const CheckAdmin& admin) {
  router.Add(
      "GET", "/api/v1/stores", http::Access::kAdmin,
      PagedList(admin, [&store](const HttpRequest&, const PageRequest& page) { return store.ListStores(page); }));
  router.Add("GET", "/api/v1/stores/{store_id}", http::Access::kAdmin,
             AdminOnly(admin, [&store](const HttpRequest& request) {
               return Answer(store.GetStore(StoreId(request.path_params.at("store_id"))));
             }));
  router.Add(
      "PUT", "/api/v1/stores/{store_id}", http::Access::kAdmin, AdminOnly(admin, [&store](const HttpRequest& request) {
        StoreId id(request.path_params.at("store_id"));
        return PutAndGet<Store>(
            request, [&](std::string_view body) { return DecodeStore(body, id); },
            [&](const Store& s) { return store.PutStore(s); }, [&](const Store& s) { return store.GetStore(s.id); });
      }));
}

void AddRegisterRoutes(http::Router& router, MasterDataStore& store, const CheckAdmin& admin) {
  router.Add("GET", "/api/v1/registers", http::Access::kAdmin,
             PagedList(admin, [&store](const HttpRequest& request, const PageRequest& page) {
               std::optional<StoreId> of_store;
               if (std::optional<std::string> id = QueryParam(request, "store_id")) of_store = StoreId(*id);
               return store.ListRegisters(page, of_store);
             }));
  router.Add("GET", "/api/v1/registers/{register_id}", http::Access::kAdmin,
             AdminOnly(admin, [&store](const HttpRequest& request) {
               return Answer(store.GetRegister(RegisterId(request.path_params.at("register_id"))));
             }));
  router.Add("PUT", "/api/v1/registers/{register_id}", http::Access::kAdmin,
             AdminOnly(admin, [&store](const HttpRequest& request) {
               RegisterId id(request.path_params.at("register_id"));
               return PutAndGet<Register>(
                   request, [&](std::string_view body) { return DecodeRegister(body, id); },
                   [&](const Register& r) { return store.PutRegister(r); },
                   [&](const Register& r) { return store.GetRegister(r.id); });
             }));
}

void AddPaymentAndVatRoutes(http::Router& router, MasterDataStore& store, const CheckAdmin& admin) {
  router.Add(
      "GET", "/api/v1/payment-types", http::Access::kAdmin,
      PagedList(admin, [&store](const HttpRequest&, const PageRequest& page) { return store.ListPaymentTypes(page); }));
  router.Add("GET", "/api/v1/payment-types/{code}", http::Access::kAdmin,
             AdminOnly(admin, [&store](const HttpRequest& request) {
               return Answer(store.GetPaymentType(PaymentTypeCode(request.path_params.at("code"))));
             }));
  router.Add("PUT", "/api/v1/payment-types/{code}", http::Access::kAdmin,
             AdminOnly(admin, [&store](const HttpRequest& request) {
               PaymentTypeCode code(request.path_params.at("code"));
               return PutAndGet<PaymentType>(
                   request, [&](std::string_view body) { return DecodePaymentType(body, code); },
                   [&](const PaymentType& t) { return store.PutPaymentType(t); },
                   [&](const PaymentType& t) { return store.GetPaymentType(t.code); });
             }));
  router.Add("GET", "/api/v1/vat-keys", http::Access::kAdmin,
             AdminOnly(admin, [&store](const HttpRequest&) { return Answer(store.ListVatKeys()); }));
}

void AddGroupRoutes(http::Router& router, MasterDataStore& store, const CheckAdmin& admin) {
  router.Add("GET", "/api/v1/product-groups", http::Access::kAdmin,
             PagedList(admin, [&store](const HttpRequest&, const PageRequest& page) {
               return store.ListProductGroups(page);
             }));
  router.Add("GET", "/api/v1/product-groups/{group_id}", http::Access::kAdmin,
             AdminOnly(admin, [&store](const HttpRequest& request) {
               return Answer(store.GetProductGroup(ProductGroupId(request.path_params.at("group_id"))));
             }));
  router.Add("PUT", "/api/v1/product-groups/{group_id}", http::Access::kAdmin,
             AdminOnly(admin, [&store](const HttpRequest& request) {
               ProductGroupId id(request.path_params.at("group_id"));
               return PutAndGet<catalog::ProductGroup>(
                   request, [&](std::string_view body) { return DecodeProductGroup(body, id); },
                   [&](const catalog::ProductGroup& g) { return store.PutProductGroup(g).status(); },
                   [&](const catalog::ProductGroup& g) { return store.GetProductGroup(g.id); });
             }));
}

void AddArticleRoutes(http::Router& router, MasterDataStore& store, const CheckAdmin& admin) {
  router.Add(
      "GET", "/api/v1/articles", http::Access::kAdmin,
      PagedList(admin, [&store](const HttpRequest&, const PageRequest& page) { return store.ListArticles(page); }));
  router.Add("GET", "/api/v1/articles/{number}", http::Access::kAdmin,
             AdminOnly(admin, [&store](const HttpRequest& request) {
               return Answer(store.GetArticle(ArticleNumber(request.path_params.at("number"))));
             }));
  router.Add("PUT", "/api/v1/articles/{number}", http::Access::kAdmin,
             AdminOnly(admin, [&store](const HttpRequest& request) {
               ArticleNumber number(request.path_params.at("number"));
               return PutAndGet<catalog::Article>(
                   request, [&](std::string_view body) { return DecodeArticle(body, number); },
                   [&](const catalog::Article& a) { return store.PutArticle(a).status(); },
                   [&](const catalog::Article& a) { return store.GetArticle(a.number); });
             }));
  router.Add("DELETE", "/api/v1/articles/{number}", http::Access::kAdmin,
             AdminOnly(admin, [&store](const HttpRequest& request) {
               Result<int64_t> deleted = store.DeleteArticle(ArticleNumber(request.path_params.at("number")));
               return deleted.ok() ? NoContent() : HttpResponse::Error(deleted.status());
             }));
}

void AddPriceRoutes(http::Router& router, MasterDataStore& store, const CheckAdmin& admin) {
  router.Add("GET", "/api/v1/stores/{store_id}/prices", http::Access::kAdmin,
             PagedList(admin, [&store](const HttpRequest& request, const PageRequest& page) {
               std::optional<ArticleNumber> article;
               if (std::optional<std::string> number = QueryParam(request, "article")) article = ArticleNumber(*number);
               return store.ListPrices(StoreId(request.path_params.at("store_id")), page, article);
             }));
  const std::string path = "/api/v1/stores/{store_id}/prices/{article}/{valid_from_ms}";
  router.Add("GET", path, http::Access::kAdmin, AdminOnly(admin, [&store](const HttpRequest& request) {
               Result<PriceKey> key = PriceKeyOf(request);
               if (!key.ok()) return HttpResponse::Error(key.status());
               return Answer(store.GetPrice(key->store, key->article, key->valid_from_ms));
             }));
  router.Add(
      "PUT", path, http::Access::kAdmin, AdminOnly(admin, [&store](const HttpRequest& request) {
        Result<PriceKey> key = PriceKeyOf(request);
        if (!key.ok()) return HttpResponse::Error(key.status());
        StorePrice keyed{key->store, catalog::Price{key->article, Money(), key->valid_from_ms, std::nullopt}};
        return PutAndGet<StorePrice>(
            request, [&](std::string_view body) { return DecodeStorePrice(body, keyed); },
            [&](const StorePrice& p) { return store.PutPrice(p).status(); },
            [&](const StorePrice& p) { return store.GetPrice(p.store, p.price.article, p.price.valid_from_ms); });
      }));
  router.Add("DELETE", path, http::Access::kAdmin, AdminOnly(admin, [&store](const HttpRequest& request) {
               Result<PriceKey> key = PriceKeyOf(request);
               if (!key.ok()) return HttpResponse::Error(key.status());
               Result<int64_t> deleted = store.DeletePrice(key->store, key->article, key->valid_from_ms);
               return deleted.ok() ? NoContent() : HttpResponse::Error(deleted.status());
             }));
}

}  // namespace

void AddMasterDataRoutes(http::Router& router, MasterDataService& service, const CheckAdmin& check_admin) {
  MasterDataStore& store = service.store();
  AddOrganisationRoutes(router, store, check_admin);
  AddStoreRoutes(router, store, check_admin);
  AddRegisterRoutes(router, store, check_admin);
  AddPaymentAndVatRoutes(router, store, check_admin);
  AddGroupRoutes(router, store, check_admin);
  AddArticleRoutes(router, store, check_admin);
  AddPriceRoutes(router, store, check_admin);
  detail::AddImportRoute(router, service, check_admin);
}

}  // namespace kasse::masterdata
